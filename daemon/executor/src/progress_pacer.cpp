#include "progress_pacer.h"

namespace duet {

ProgressPacer::ProgressPacer(FrameWriter& out, double windowMs)
    : out_(out),
      window_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(windowMs))),
      thread_([this] { loop(); }) {}

ProgressPacer::~ProgressPacer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ProgressPacer::post(Json header) {
  std::lock_guard<std::mutex> lock(mu_);
  if (window_ == Clock::duration::zero()) {
    out_.send(header);  // no window: written now, by the thread doing the work
    return;
  }
  pending_ = std::move(header);
  if (waiting_) return;  // the thread is already waiting for this phase's due time
  waiting_ = true;
  due_ = Clock::now() + window_;
  cv_.notify_one();
}

void ProgressPacer::settle() {
  // Taking the lock waits for a write in progress (loop() writes while holding it).
  std::lock_guard<std::mutex> lock(mu_);
  waiting_ = false;
}

void ProgressPacer::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!quit_) {
    if (!waiting_) {
      cv_.wait(lock);
      continue;
    }
    cv_.wait_until(lock, due_);
    if (waiting_ && !quit_ && Clock::now() >= due_) {
      waiting_ = false;
      // Written under the lock, so settle() cannot return while a phase is on its way out.
      out_.send(pending_);
    }
  }
}

}  // namespace duet
