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
  if (threads == 0) threads = 1;
  for (unsigned i = 0; i < threads; i++) workers_.emplace_back([this] { work(); });
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
  std::unique_lock<std::mutex> lock(mu_);
  fn_ = &fn;
  count_ = count;
  next_ = 0;
  stop_ = false;
  busy_ = size();
  generation_++;
  wake_.notify_all();
  done_.wait(lock, [this] { return busy_ == 0; });
  fn_ = nullptr;
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
    while (!stop_.load(std::memory_order_relaxed)) {
      std::uint64_t i = next_.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) break;
      if (!(*fn)(i)) stop_ = true;
    }
    lock.lock();
    if (--busy_ == 0) done_.notify_all();
  }
}

}  // namespace duet
