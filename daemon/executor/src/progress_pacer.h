// Phase frames (contracts §4) are progress for a person watching a run. A phase that is over within
// a few milliseconds tells that person nothing, yet each frame costs a write(2) here and a wake-up
// of the daemon's event loop there: a tiny warm run used to send four phases and its result as five
// frames where one says it all. The pacer holds the latest phase of a run and writes it only once
// it has waited `window` (from its own thread); the run's result or error supersedes it.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "frame.h"
#include "json.h"
#include "timing.h"

namespace duet {

// How late a phase may reach the daemon (which batches its own writes for 4 ms more); far below
// what a progress line on a page can show.
constexpr double kProgressWindowMs = 2.0;

class ProgressPacer {
 public:
  // windowMs 0 writes every phase at once (from post()).
  ProgressPacer(FrameWriter& out, double windowMs = kProgressWindowMs);
  ~ProgressPacer();
  ProgressPacer(const ProgressPacer&) = delete;
  ProgressPacer& operator=(const ProgressPacer&) = delete;

  // The run's latest phase. A phase still waiting is replaced (its wait keeps running), so a
  // phase is never later than the window and quick successions collapse into the last one.
  void post(Json header);
  // The run is over (its result or error goes next): a phase not yet written never will be, and
  // one being written has been written when this returns, so no phase follows the run's end.
  void settle();

 private:
  void loop();
  FrameWriter& out_;
  Clock::duration window_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool waiting_ = false, quit_ = false;
  Json pending_;
  Clock::time_point due_;
  std::thread thread_;
};

}  // namespace duet
