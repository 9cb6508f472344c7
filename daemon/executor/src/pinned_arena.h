// Page-locked host memory that the CUDA backend stages uploads and downloads through, kept from one
// run to the next. Copies between the device and page-locked memory are real DMA transfers and may
// be asynchronous (CUDA C++ Programming Guide, "Page-Locked Host Memory"), but allocating it pins
// every page: for a 256 MiB output, cuMemHostAlloc costs more than the copy it serves. So the
// backend keeps one buffer per use, grows it when a run needs more, and gives back one grown past
// the retain size once the run that needed it is done (trim), so a single huge run does not hold
// pinned host memory for the executor's lifetime.
#pragma once
#include <cstddef>

#include "cuda_api.h"

namespace duet {

class PinnedArena {
 public:
  // Growth rounds up to this, so runs of similar sizes share one allocation.
  static constexpr std::size_t kGranule = std::size_t{1} << 20;

  PinnedArena(const cu::DriverApi* api, std::size_t retainBytes) : api_(api), retain_(retainBytes) {}
  ~PinnedArena() { release(); }
  PinnedArena(const PinnedArena&) = delete;
  PinnedArena& operator=(const PinnedArena&) = delete;

  // Makes at least `bytes` available at *out; the contents do not survive growth. On failure
  // returns cuMemHostAlloc's result and holds nothing (*out is nullptr).
  cu::CUresult reserve(std::size_t bytes, unsigned char** out);
  // After a run: gives the buffer back when it has grown past the retain size.
  void trim();
  // Gives the buffer back (before the context it belongs to is released).
  void release();
  std::size_t capacity() const { return bytes_; }

 private:
  const cu::DriverApi* api_;
  std::size_t retain_;
  void* ptr_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace duet
