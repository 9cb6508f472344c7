// Time limit of a run: one thread that, when the armed deadline passes, raises the run's abort
// flag (AbortReason::TimeLimit). Generated kernels poll the flag in every loop and return; if the
// work still has not stopped `graceMs` later, the watchdog calls `onStuck` (report and exit: the
// daemon restarts the executor clean). The grace is short: a run must end within its limit plus
// 2 s (contracts §5), and the daemon kills an executor still busy 1 s after the limit anyway.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "run_control.h"
#include "timing.h"

namespace duet {

// How long after the time limit a run that ignores the abort flag keeps its executor.
constexpr double kStuckGraceMs = 500;

class Watchdog {
 public:
  Watchdog(RunControl& control, std::function<void(double limitMs)> onStuck, double graceMs = kStuckGraceMs);
  ~Watchdog();
  void arm(double limitMs);
  void disarm();

 private:
  void loop();
  RunControl& control_;
  std::function<void(double)> onStuck_;
  double graceMs_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, fired_ = false, quit_ = false;
  double limitMs_ = 0;
  Clock::time_point deadline_;
  std::thread thread_;
};

}  // namespace duet
