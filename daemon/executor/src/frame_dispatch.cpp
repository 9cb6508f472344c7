#include "frame_dispatch.h"

#include <thread>

namespace duet {

std::string FrameDispatch::run() {
  std::thread follower([this] { loop(); });
  loop();
  follower.join();
  return why_;
}

void FrameDispatch::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (done_) return;
    if (!handling_ && !waiting_.empty()) {
      Frame f = std::move(waiting_.front());
      waiting_.pop_front();
      handling_ = true;
      lock.unlock();
      h_.handle(f);
      lock.lock();
      handling_ = false;
      continue;
    }
    if (ended_) {
      if (handling_) {
        cv_.wait(lock);  // the handler finishes, then sees ended_ and ends both loops
        continue;
      }
      done_ = true;
      cv_.notify_all();
      return;
    }
    if (reading_) {
      cv_.wait(lock);  // the other thread leads: wait to lead or to be told the end
      continue;
    }
    // Lead: read the next frame.
    reading_ = true;
    lock.unlock();
    Frame f;
    std::string why;
    ReadStatus s = readFrame(fd_, f, &why);
    bool isCancel = s == ReadStatus::Ok && f.type() == "cancel";
    if (isCancel) h_.cancel(f.header["id"].str());
    if (s != ReadStatus::Ok) h_.ended(s == ReadStatus::Eof ? "" : why);
    lock.lock();
    reading_ = false;
    if (s != ReadStatus::Ok) {
      ended_ = true;
      why_ = s == ReadStatus::Eof ? "" : why;
      cv_.notify_all();
      continue;
    }
    if (isCancel) continue;  // keep leading
    if (handling_) {
      waiting_.push_back(std::move(f));
      continue;
    }
    // Handle it here and let the other thread lead meanwhile: the frame itself never changes hands.
    handling_ = true;
    cv_.notify_one();
    lock.unlock();
    h_.handle(f);
    lock.lock();
    handling_ = false;
    if (ended_) cv_.notify_all();
  }
}

}  // namespace duet
