// A backend runs `run` frames on one kind of device (docs/contracts.md §4).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "frame.h"
#include "json.h"
#include "progress_pacer.h"
#include "run_control.h"
#include "run_request.h"
#include "timing.h"
#include "watchdog.h"

namespace duet {

// What a backend needs from the dispatch loop while a run executes.
class RunEnv {
 public:
  RunEnv(FrameWriter& out, RunControl& control, Watchdog& watchdog, ProgressPacer& progress)
      : out(out), control(control), watchdog(watchdog), progress(progress) {}
  // Phase frame, through the pacer (a phase over within its window is never sent); "running" is
  // posted for the first and last execution and at most every 100 ms in between, so thousands of
  // tiny samples do not flood the daemon.
  void phase(const std::string& id, const char* phase, unsigned sample = 0, unsigned of = 0);
  // The run's result frame; no phase of the run is written after it.
  void result(const Json& header, const std::vector<ByteSpan>& payloads);

  FrameWriter& out;
  RunControl& control;
  Watchdog& watchdog;
  ProgressPacer& progress;

 private:
  Clock::time_point lastRunning_{};
};

// The span of one run on a backend: registers the run's abort word with the run control and the
// crash reporter on entry, and on every exit (result or exception) disarms the watchdog, drops a
// phase not yet written (an error frame follows) and clears both, so the next run starts clean.
class RunScope {
 public:
  RunScope(RunEnv& env, const RunRequest& req, volatile unsigned* abortWord);
  ~RunScope();
  RunScope(const RunScope&) = delete;
  RunScope& operator=(const RunScope&) = delete;
  // Throws the run's RunError ("time-limit" or "aborted") once its abort flag has been raised.
  void checkAbort() const;

 private:
  RunEnv& env_;
  const RunRequest& req_;
};

// Measurements of one run, turned into the `result` frame by resultHeader().
struct RunTimings {
  double compileMs = 0;
  bool cacheHit = false;
  double uploadMs = 0, downloadMs = 0;
  std::vector<double> samples;              // per timed sample: sum over passes
  std::vector<std::vector<double>> passes;  // [pass][sample]
  double resolutionMs = 0;
  const char* timer = "steady-clock";
  // CUDA: timings.kernel.l2Flushed (whether L2 was flushed before every execution); unset elsewhere.
  std::optional<bool> l2Flushed;
  std::vector<std::string> warnings;
};

Json resultHeader(const RunRequest& req, const RunTimings& t, const std::vector<std::uint64_t>& outputBytes);

// The message of a time-limit error: "time limit exceeded after N s".
std::string timeLimitMessage(double limitMs);

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* name() const = 0;  // "cpu" | "cuda"
  virtual Json deviceInfo() = 0;
  // Sends phase frames and the result frame, or throws RunError (the loop sends the error frame).
  virtual void run(RunRequest& req, RunEnv& env) = 0;
  // Runs a real tiny kernel; returns the `health` frame.
  virtual Json health() = 0;
};

}  // namespace duet
