// Host buffers for the CPU backend, kept for reuse between runs. glibc serves blocks over 32 MiB
// with mmap and gives them back with munmap, so a 256 MiB slot buffer costs its page faults again on
// every run (measured on the 2-core CI VM: about 1 s per 256 MiB of fresh memory, against ~40 ms to
// memset memory already mapped). A bounded pool of freed buffers, matched by size, keeps a workload
// that runs again (a sweep point, a benchmark, a class re-running one kernel) off that cost.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

namespace duet {

class HostBufferPool;

struct HostBufferReturn {
  HostBufferPool* pool = nullptr;
  std::size_t bytes = 0;
  void operator()(unsigned char* p) const;
};
using HostBuffer = std::unique_ptr<unsigned char[], HostBufferReturn>;

class HostBufferPool {
 public:
  // Keeps at most `maxCachedBytes` of freed buffers; beyond it, freed buffers go back to the system.
  explicit HostBufferPool(std::size_t maxCachedBytes);
  ~HostBufferPool();
  HostBufferPool(const HostBufferPool&) = delete;
  HostBufferPool& operator=(const HostBufferPool&) = delete;

  // A 64-byte aligned buffer of at least `bytes` (rounded up to 64, at least 64), zero-filled when
  // `zero`; nullptr when the system is out of memory.
  HostBuffer acquire(std::size_t bytes, bool zero);
  std::size_t cachedBytes() const;

  // The default bound: an eighth of physical memory, at most 1 GiB.
  static std::size_t defaultCap();

 private:
  friend struct HostBufferReturn;
  void give(unsigned char* p, std::size_t bytes);

  mutable std::mutex mu_;
  std::multimap<std::size_t, unsigned char*> free_;  // by rounded size
  std::size_t cached_ = 0;
  std::size_t max_;
};

}  // namespace duet
