// Tiled matrix multiply C = A·B as a CUDA programmer writes it: shaders/matmul-tiled/matmul-tiled.wgsl,
// 16×16 blocks, K walked in steps of 16 through two shared tiles zero-padded at the matrices' edges.
// The baseline of bench/cuda-quality.bench.ts.
constexpr unsigned TILE = 16;

extern "C" __global__ void __launch_bounds__(TILE * TILE)
    matmul_tiled(unsigned m, unsigned n, unsigned k, const float* __restrict__ a,
                 const float* __restrict__ b, float* __restrict__ c) {
  __shared__ float tile_a[TILE][TILE];
  __shared__ float tile_b[TILE][TILE];
  const unsigned tx = threadIdx.x, ty = threadIdx.y;
  const unsigned col = blockIdx.x * TILE + tx;
  const unsigned row = blockIdx.y * TILE + ty;
  float sum = 0.0f;
  const unsigned steps = (k + TILE - 1) / TILE;
  for (unsigned s = 0; s < steps; s++) {
    const unsigned ka = s * TILE + tx;
    tile_a[ty][tx] = row < m && ka < k ? a[row * k + ka] : 0.0f;
    const unsigned kb = s * TILE + ty;
    tile_b[ty][tx] = kb < k && col < n ? b[kb * n + col] : 0.0f;
    __syncthreads();
    for (unsigned i = 0; i < TILE; i++) sum += tile_a[ty][i] * tile_b[i][tx];
    __syncthreads();
  }
  if (row < m && col < n) c[row * n + col] = sum;
}
