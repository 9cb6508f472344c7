#include "pinned_arena.h"

#include <algorithm>

namespace duet {

cu::CUresult PinnedArena::reserve(std::size_t bytes, unsigned char** out) {
  if (ptr_ && bytes <= bytes_) {
    *out = static_cast<unsigned char*>(ptr_);
    return cu::CUDA_SUCCESS;
  }
  release();
  std::size_t want = std::max<std::size_t>(bytes, 1);
  want = (want + kGranule - 1) / kGranule * kGranule;
  void* p = nullptr;
  // Flags 0: for this context only (not PORTABLE), not mapped into the device's address space, not
  // write-combined (the host reads the outputs back out of it; cuMemHostAlloc in the Driver API).
  cu::CUresult r = api_->cuMemHostAlloc(&p, want, 0);
  if (r != cu::CUDA_SUCCESS) {
    *out = nullptr;
    return r;
  }
  ptr_ = p;
  bytes_ = want;
  *out = static_cast<unsigned char*>(ptr_);
  return cu::CUDA_SUCCESS;
}

void PinnedArena::trim() {
  if (bytes_ > retain_) release();
}

void PinnedArena::release() {
  if (ptr_) api_->cuMemFreeHost(ptr_);
  ptr_ = nullptr;
  bytes_ = 0;
}

}  // namespace duet
