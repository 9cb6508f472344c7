// Worker threads for the CPU backend: a job is a count of items (workgroups) claimed in shrinking
// chunks from an atomic counter; each worker calls fn(item) until the items run out or fn returns
// false (stop early).
// The thread that calls run() is one of the workers: a pool of N threads starts N - 1, and a job of
// a single item runs on the caller alone. Waking sleeping threads and sleeping until they finish
// costs more than a tiny dispatch itself (a 64-element SAXPY is one workgroup).
// Between jobs a thread spins a little before it sleeps (spin-then-park, as OpenMP runtimes do:
// GOMP_SPINCOUNT, KMP_BLOCKTIME): a run's dispatches (its samples, its passes) follow one another
// within microseconds, and a thread woken from sleep on a virtual machine whose idle vCPU the host
// has halted arrived up to a millisecond late. matmul-tiled's 0.85 ms two-thread dispatches then ran
// at one-thread speed, 1.6 ms (bench/notes/cpu-backend.md, 2026-12-06).
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace duet {

class ThreadPool {
 public:
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  // Threads that take part in a job: the started workers and the caller.
  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }
  // Runs fn over [0, count) on the workers and the calling thread; returns when all are done.
  void run(std::uint64_t count, const std::function<bool(std::uint64_t)>& fn);

 private:
  void work();
  // Items taken per claim never exceed this: a worker descheduled on a busy host holds back at most
  // this many items while the others finish the rest.
  static constexpr std::uint64_t kMaxChunk = 256;
  // Claims the next run of items [start, end); returns start (>= count when none are left).
  std::uint64_t claim(std::uint64_t count, std::uint64_t& end);
  // Takes items until they run out or one returns false.
  void drain(const std::function<bool(std::uint64_t)>& fn, std::uint64_t count);
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  const std::function<bool(std::uint64_t)>* fn_ = nullptr;
  std::uint64_t count_ = 0;
  // Written under mu_; atomic so that a spinning thread can watch them without it.
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<unsigned> busy_{0};
  std::atomic<bool> quit_{false};
  std::atomic<std::uint64_t> next_{0};
  std::atomic<bool> stop_{false};
};

// Set up by each worker: an alternate signal stack so a crash report survives a kernel's stack
// overflow (see crash.h).
void installThreadAltStack();

}  // namespace duet
