#include "thread_pool.h"

#include <chrono>

#include "platform/cpu_relax.h"

#include <csignal>
#include <cstdlib>

namespace duet {

namespace {

// How long a thread spins for the next job, or for the workers to finish, before it sleeps.
constexpr auto kSpin = std::chrono::microseconds(1000);

// Spins until ready() or kSpin has passed; whether ready() held.
template <class Ready>
bool spinFor(Ready ready) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (unsigned i = 1;; i++) {
    if (ready()) return true;
    if (i % 64 == 0 && std::chrono::steady_clock::now() >= until) return false;
    platform::cpuRelax();
  }
}

}  // namespace

void installThreadAltStack() {
  static thread_local bool done = false;
  if (done) return;
  done = true;
  stack_t ss = {};
  ss.ss_size = 64 * 1024;
  ss.ss_sp = std::malloc(ss.ss_size);  // lives as long as the thread
  if (ss.ss_sp) sigaltstack(&ss, nullptr);
}

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 1; i < threads; i++) workers_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::run(std::uint64_t count, const std::function<bool(std::uint64_t)>& fn) {
  if (count == 0) return;
  installThreadAltStack();  // the caller runs kernels too: its crash report needs the same stack
  next_ = 0;
  stop_ = false;
  if (count == 1 || workers_.empty()) {
    drain(fn, count);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    fn_ = &fn;
    count_ = count;
    busy_ = static_cast<unsigned>(workers_.size());
    generation_++;
  }
  wake_.notify_all();
  drain(fn, count);
  spinFor([this] { return busy_.load(std::memory_order_acquire) == 0; });
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [this] { return busy_ == 0; });
  fn_ = nullptr;
}

// Guided self-scheduling (Polychronopoulos & Kuck, 1987): each claim takes a share of what is left,
// shrinking to single items at the end. One atomic per item made two threads fight over the counter's
// cache line for every 64-element workgroup (a windowed SAXPY workgroup costs less than that exchange);
// large chunks first and small ones last keep the load balanced for heavy workgroups too.
std::uint64_t ThreadPool::claim(std::uint64_t count, std::uint64_t& end) {
  const std::uint64_t shares = 4ull * size();
  std::uint64_t start = next_.load(std::memory_order_relaxed);
  for (;;) {
    if (start >= count) return start;
    std::uint64_t chunk = (count - start) / shares;
    if (chunk < 1) chunk = 1;
    if (chunk > kMaxChunk) chunk = kMaxChunk;
    if (next_.compare_exchange_weak(start, start + chunk, std::memory_order_relaxed)) {
      end = start + chunk;
      return start;
    }
  }
}

void ThreadPool::drain(const std::function<bool(std::uint64_t)>& fn, std::uint64_t count) {
  while (!stop_.load(std::memory_order_relaxed)) {
    std::uint64_t end = 0;
    std::uint64_t i = claim(count, end);
    if (i >= count) break;
    for (; i < end; i++) {
      if (!fn(i)) {
        stop_ = true;
        break;
      }
      if (stop_.load(std::memory_order_relaxed)) break;
    }
  }
}

void ThreadPool::work() {
  installThreadAltStack();
  std::uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    lock.unlock();
    spinFor([&] { return quit_.load(std::memory_order_acquire) || generation_.load(std::memory_order_acquire) != seen; });
    lock.lock();
    wake_.wait(lock, [&] { return quit_ || generation_ != seen; });
    if (quit_) return;
    seen = generation_;
    const auto* fn = fn_;
    std::uint64_t count = count_;
    lock.unlock();
    drain(*fn, count);
    lock.lock();
    if (--busy_ == 0) done_.notify_all();
  }
}

}  // namespace duet
