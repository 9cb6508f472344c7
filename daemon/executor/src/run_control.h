// Shared state of the run in progress: the reader thread (cancel frames) and the watchdog raise
// the run's abort flag — control[0] of DuetParams (§3), a host word for the CPU backend and a
// host-pinned mapped word for CUDA — and record why, so the run answers "aborted" or "time-limit".
#pragma once
#include <atomic>
#include <mutex>
#include <set>
#include <string>

namespace duet {

enum class AbortReason { None = 0, TimeLimit = 1, Cancel = 2 };

class RunControl {
 public:
  // Called by the backend when the run starts executing / ends. `abortWord` stays valid until end().
  void begin(const std::string& id, volatile unsigned* abortWord);
  void end();
  // Cancel frame (reader thread): raises the flag when `id` runs now, else remembers the id so a
  // queued run with that id answers "aborted" at once.
  void cancel(const std::string& id);
  void raise(AbortReason why);
  // A run that was cancelled before it began (consumes the mark).
  bool takeEarlyCancel(const std::string& id);
  AbortReason reason() const { return static_cast<AbortReason>(reason_.load()); }
  bool raised() const { return reason() != AbortReason::None; }
  std::string activeId();

 private:
  std::mutex mu_;
  std::string id_;
  volatile unsigned* word_ = nullptr;
  std::atomic<int> reason_{0};
  std::set<std::string> early_;
};

}  // namespace duet
