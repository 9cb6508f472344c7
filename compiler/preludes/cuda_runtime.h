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
 * of the block's workgroup memory (a multiple of 16 bytes, 16-aligned), then all wait. */
__device__ __forceinline__ void duet_zero_workgroup(unsigned char* mem, unsigned bytes, unsigned li, unsigned n) {
  for (unsigned i = li * 16u; i < bytes; i += n * 16u) {
    *(uint4*)(mem + i) = make_uint4(0u, 0u, 0u, 0u);
  }
  __syncthreads();
}

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
