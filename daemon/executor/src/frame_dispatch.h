// The executor's input loop: frames from the daemon (stdin) handled one at a time, read by two
// threads taking turns (the leader/follower pattern). The thread that reads a frame handles it
// itself, and the other thread takes over reading meanwhile, so a `cancel` still takes effect
// while a run executes. A reader thread that handed each frame to a separate worker cost one
// thread wake-up per run on the way in: about a fifth of a warm tiny run's time in the executor
// on a 2-core machine. Which thread runs a frame varies: backends must not rely on one (the CUDA
// backend makes its context current at the start of every run).
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

#include "frame.h"

namespace duet {

class FrameDispatch {
 public:
  struct Handlers {
    // A frame to handle (never `cancel`); frames are handled one at a time, in order.
    std::function<void(Frame&)> handle;
    // A `cancel` frame's id, as soon as it is read (a run may be executing).
    std::function<void(const std::string& id)> cancel;
    // The stream ended ("" at a frame boundary, else what broke), as soon as that is known: a run
    // still executing should stop, nobody will take its result.
    std::function<void(const std::string& why)> ended;
  };

  FrameDispatch(int fd, Handlers h) : fd_(fd), h_(std::move(h)) {}
  // Reads and handles frames until the stream ends and every frame read has been handled;
  // returns why it ended ("" for a clean end).
  std::string run();

 private:
  void loop();
  int fd_;
  Handlers h_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool reading_ = false;   // a thread is in readFrame: the leader
  bool handling_ = false;  // a thread is handling a frame
  bool ended_ = false, done_ = false;
  std::string why_;
  std::deque<Frame> waiting_;  // read while another frame was being handled
};

}  // namespace duet
