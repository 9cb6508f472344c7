// Test fixture for daemon/executor/cuda-fake-driver.test.ts: CUDA kernels following the generated
// source ABI (docs/contracts.md §3), the CUDA twin of kernels.cpp. The fake driver
// (tests/fake_cuda/fake_driver.cpp) does not run CUBIN: it runs the semantics stated here by
// kernel name, so the two must agree. With nvcc present the test also compiles this file for real
// (the executor's nvcc fallback) and the fake driver loads the resulting CUBIN. The test prepends
// compiler/preludes/common.h (DuetParams), as the translator does.
//
// Slots: 0 uniform {n: u32, a: f32}, 1 x: array<f32>, 2 y: array<f32> (read_write),
//        3 uniform {k: f32}, 4 src: array<f32>, 5 dst: array<f32>.
__device__ __forceinline__ unsigned fixture_index(unsigned i, unsigned long long bytes, unsigned stride) {
  unsigned long long n = bytes / stride;
  return n == 0 ? 0u : (i < n ? i : static_cast<unsigned>(n - 1));  // robustness: min(i, len-1)
}

// y[i] = params.a * x[i] + y[i] for i < params.n
extern "C" __global__ void duet_k_fixture_saxpy(DuetParams p) {
  unsigned n = *reinterpret_cast<const unsigned*>(p.slot[0]);
  float a = *reinterpret_cast<const float*>(p.slot[0] + 4);
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    const float* x = reinterpret_cast<const float*>(p.slot[1]);
    float* y = reinterpret_cast<float*>(p.slot[2]);
    y[fixture_index(i, p.slotBytes[2], 4)] = a * x[fixture_index(i, p.slotBytes[1], 4)] + y[fixture_index(i, p.slotBytes[2], 4)];
  }
}

// dst[i] = src[i] + u.k  (ping-pong step; per-pass uniform k, swap src/dst between passes)
extern "C" __global__ void duet_k_fixture_step(DuetParams p) {
  float k = *reinterpret_cast<const float*>(p.slot[3]);
  const float* src = reinterpret_cast<const float*>(p.slot[4]);
  float* dst = reinterpret_cast<float*>(p.slot[5]);
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < p.slotBytes[5] / 4) dst[i] = src[fixture_index(i, p.slotBytes[4], 4)] + k;
}

// loop {} with the translator's abort poll: runs until the host raises control[0].
extern "C" __global__ void duet_k_fixture_spin(DuetParams p) {
  for (;;) {
    if (*reinterpret_cast<volatile unsigned*>(&p.control[0])) {
      atomicOr(&p.control[1], 2u);  // DUET_STATUS_ABORTED
      return;
    }
  }
}

// A loop that ran into DUET_LOOP_GUARD_ITERATIONS: reports it and writes nothing.
extern "C" __global__ void duet_k_fixture_guard(DuetParams p) {
  if (threadIdx.x == 0 && blockIdx.x == 0) atomicOr(&p.control[1], 1u);  // DUET_STATUS_LOOP_GUARD
}

// A kernel that faults (a translator bug would look like this): writes through slot 63, unbound.
extern "C" __global__ void duet_k_fixture_fault(DuetParams p) { *reinterpret_cast<volatile int*>(p.slot[63]) = 1; }

// An entry point whose bindings do not fit their types: runs no WGSL code, raises DUET_STATUS_BINDING.
extern "C" __global__ void duet_k_fixture_refuse(DuetParams p) {
  if (threadIdx.x == 0 && blockIdx.x == 0) atomicOr(&p.control[1], 8u);
}
