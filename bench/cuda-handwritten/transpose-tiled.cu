// Tiled matrix transpose as a CUDA programmer writes it: shaders/transpose-tiled/transpose-tiled.wgsl,
// 16×16 blocks through a 16×17 shared tile (the padding column keeps a tile column's reads free of bank
// conflicts); coalesced reads and writes. The baseline of bench/cuda-quality.bench.ts.
constexpr unsigned TILE = 16;

extern "C" __global__ void __launch_bounds__(TILE * TILE)
    transpose_tiled(unsigned width, unsigned height, const float* __restrict__ input,
                    float* __restrict__ output) {
  __shared__ float tile[TILE][TILE + 1];
  const unsigned tx = threadIdx.x, ty = threadIdx.y;
  const unsigned in_col = blockIdx.x * TILE + tx;
  const unsigned in_row = blockIdx.y * TILE + ty;
  if (in_col < width && in_row < height) tile[ty][tx] = input[in_row * width + in_col];
  __syncthreads();
  const unsigned out_col = blockIdx.y * TILE + tx;
  const unsigned out_row = blockIdx.x * TILE + ty;
  if (out_col < height && out_row < width) output[out_row * height + out_col] = tile[tx][ty];
}
