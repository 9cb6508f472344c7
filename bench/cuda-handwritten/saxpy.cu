// SAXPY as a CUDA programmer writes it: shaders/saxpy/saxpy.wgsl, one thread per element, 256 threads
// per block, in place (y = a·x + y). The baseline of bench/cuda-quality.bench.ts.
extern "C" __global__ void __launch_bounds__(256)
    saxpy(unsigned n, float a, const float* __restrict__ x, float* __restrict__ y) {
  const unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
