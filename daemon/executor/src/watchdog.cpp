#include "watchdog.h"

namespace duet {

Watchdog::Watchdog(RunControl& control, std::function<void(double)> onStuck, double graceMs)
    : control_(control), onStuck_(std::move(onStuck)), graceMs_(graceMs), thread_([this] { loop(); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Watchdog::arm(double limitMs) {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = true;
  fired_ = false;
  limitMs_ = limitMs;
  deadline_ = Clock::now() + std::chrono::microseconds(static_cast<long long>(limitMs * 1000));
  cv_.notify_all();
}

void Watchdog::disarm() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
  cv_.notify_all();
}

void Watchdog::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!quit_) {
    if (!armed_) {
      cv_.wait(lock);
      continue;
    }
    auto when = fired_ ? deadline_ + std::chrono::microseconds(static_cast<long long>(graceMs_ * 1000)) : deadline_;
    if (cv_.wait_until(lock, when) == std::cv_status::timeout && armed_ && Clock::now() >= when) {
      if (!fired_) {
        fired_ = true;
        lock.unlock();
        control_.raise(AbortReason::TimeLimit);
        lock.lock();
      } else {
        armed_ = false;
        double limit = limitMs_;
        lock.unlock();
        if (onStuck_) onStuck_(limit);
        lock.lock();
      }
    }
  }
}

}  // namespace duet
