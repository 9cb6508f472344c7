#include "host_buffers.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace duet {

namespace {
std::size_t rounded(std::size_t bytes) {
  std::size_t n = (bytes + 63) & ~static_cast<std::size_t>(63);
  return n == 0 ? 64 : n;
}
}  // namespace

void HostBufferReturn::operator()(unsigned char* p) const {
  if (!p) return;
  if (pool) pool->give(p, bytes);
  else std::free(p);
}

HostBufferPool::HostBufferPool(std::size_t maxCachedBytes) : max_(maxCachedBytes) {}

HostBufferPool::~HostBufferPool() {
  for (auto& [n, p] : free_) std::free(p);
}

std::size_t HostBufferPool::defaultCap() {
  long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  std::size_t phys = pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) : 0;
  return std::min<std::size_t>(std::size_t{1} << 30, phys / 8);
}

HostBuffer HostBufferPool::acquire(std::size_t bytes, bool zero) {
  std::size_t n = rounded(bytes);
  unsigned char* p = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = free_.find(n);
    if (it != free_.end()) {
      p = it->second;
      free_.erase(it);
      cached_ -= n;
    }
  }
  if (!p) p = static_cast<unsigned char*>(std::aligned_alloc(64, n));
  if (!p) return HostBuffer(nullptr, HostBufferReturn{this, n});
  if (zero) std::memset(p, 0, n);
  return HostBuffer(p, HostBufferReturn{this, n});
}

void HostBufferPool::give(unsigned char* p, std::size_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  if (n > max_) {
    std::free(p);
    return;
  }
  // Make room by dropping the largest cached buffers first: they are the likeliest to be stale.
  while (cached_ + n > max_ && !free_.empty()) {
    auto last = std::prev(free_.end());
    cached_ -= last->first;
    std::free(last->second);
    free_.erase(last);
  }
  free_.emplace(n, p);
  cached_ += n;
}

std::size_t HostBufferPool::cachedBytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cached_;
}

}  // namespace duet
