// Workgroup tree reduction as a CUDA programmer writes it: shaders/reduce-workgroup/reduce.wgsl, 256
// threads per block sum their elements in shared memory, halving the active threads each step, and
// thread 0 writes the block's partial sum. The baseline of bench/cuda-quality.bench.ts.
constexpr unsigned WG = 256;

extern "C" __global__ void __launch_bounds__(WG)
    reduce(unsigned n, const float* __restrict__ values, float* __restrict__ partials) {
  __shared__ float tile[WG];
  const unsigned lid = threadIdx.x;
  const unsigned gid = blockIdx.x * WG + lid;
  tile[lid] = gid < n ? values[gid] : 0.0f;
  __syncthreads();
  for (unsigned stride = WG / 2; stride > 0; stride /= 2) {
    if (lid < stride) tile[lid] += tile[lid + stride];
    __syncthreads();
  }
  if (lid == 0) partials[blockIdx.x] = tile[0];
}
