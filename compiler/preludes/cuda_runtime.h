/*
 * Duet CUDA runtime — the second part of every generated CUDA source (contract §3), after the
 * common prelude. Single source of truth; compiler/preludes/cuda_runtime.ts is generated from it
 * (node scripts/gen-preludes.mjs). Kernels are `extern "C" __global__ void duet_k_<entry>(DuetParams p)`
 * launched with grid = dispatch and block = @workgroup_size, no dynamic shared memory.
 */
#ifndef DUET_CUDA_RUNTIME_H
#define DUET_CUDA_RUNTIME_H

/* workgroupBarrier / storageBarrier (WGSL §17.11): __syncthreads orders both shared and global
 * memory accesses of the block (CUDA C++ Programming Guide, "Synchronization Functions"). */
#define DUET_BARRIER() __syncthreads()

/* WGSL §6.3: workgroup variables start zeroed. Every invocation of the block clears a strided part
 * of the block's workgroup memory (a multiple of 16 bytes, 16-aligned), then all wait. */
__device__ __forceinline__ void duet_zero_workgroup(unsigned char* mem, unsigned bytes, unsigned li, unsigned n) {
  for (unsigned i = li * 16u; i < bytes; i += n * 16u) {
    *(uint4*)(mem + i) = make_uint4(0u, 0u, 0u, 0u);
  }
  __syncthreads();
}

#endif /* DUET_CUDA_RUNTIME_H */
