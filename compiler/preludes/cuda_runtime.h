/*
 * Duet CUDA runtime -- the second part of every generated CUDA source (contract section 3), after the
 * common prelude. Single source of truth; compiler/preludes/cuda_runtime.ts is generated from it
 * (node scripts/gen-preludes.mjs). Kernels are `extern "C" __global__ void duet_k_<entry>(DuetParams p)`
 * launched with grid = dispatch and block = @workgroup_size, no dynamic shared memory.
 */
#ifndef DUET_CUDA_RUNTIME_H
#define DUET_CUDA_RUNTIME_H

/* workgroupBarrier / storageBarrier (WGSL section 17.11): __syncthreads orders both shared and global
 * memory accesses of the block (CUDA C++ Programming Guide, "Synchronization Functions"). */
#define DUET_BARRIER() __syncthreads()

/* WGSL section 6.3: workgroup variables start zeroed. Every invocation of the block clears a strided part
 * of the block's workgroup memory (16-aligned; its size taken from the array itself), then all wait. */
template <unsigned N>
__device__ __forceinline__ void duet_zero_workgroup(unsigned char (&mem)[N], unsigned li, unsigned n) {
  static_assert(N % 16u == 0u, "workgroup memory is a multiple of 16 bytes");
  for (unsigned i = li * 16u; i < N; i += n * 16u) {
    *(uint4*)(mem + i) = make_uint4(0u, 0u, 0u, 0u);
  }
  __syncthreads();
}

/* An entry point whose bindings do not fit their types runs no WGSL code (duet_bind). */
__device__ __forceinline__ void duet_refuse(unsigned* control) { atomicOr(&control[1], DUET_STATUS_BINDING); }

/* Subgroups (WGSL subgroups extension) are CUDA warps of 32 lanes. Gathers every active lane's value
 * of `v` (32-bit words through __shfl_sync) into lanes[0..31]; returns the mask of active lanes. */
template <class T> __device__ __forceinline__ unsigned duet_sg_gather(const T& v, T* lanes) {
  static_assert(sizeof(T) % 4 == 0, "subgroup values are made of 32-bit words");
  const unsigned mask = __activemask();
  const unsigned* w = (const unsigned*)&v;
  for (int i = 0; i < 32; i++) {
    unsigned* d = (unsigned*)&lanes[i];
    for (unsigned k = 0; k < sizeof(T) / 4u; k++) d[k] = __shfl_sync(mask, w[k], i);
  }
  return mask;
}

#endif /* DUET_CUDA_RUNTIME_H */
