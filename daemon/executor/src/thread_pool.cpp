#include "thread_pool.h"

#include <csignal>
#include <cstdlib>

namespace duet {

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
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [this] { return busy_ == 0; });
  fn_ = nullptr;
}

void ThreadPool::drain(const std::function<bool(std::uint64_t)>& fn, std::uint64_t count) {
  while (!stop_.load(std::memory_order_relaxed)) {
    std::uint64_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= count) break;
    if (!fn(i)) stop_ = true;
  }
}

void ThreadPool::work() {
  installThreadAltStack();
  std::uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
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
