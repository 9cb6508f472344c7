#include "run_control.h"

namespace duet {

void RunControl::begin(const std::string& id, volatile unsigned* abortWord) {
  std::lock_guard<std::mutex> lock(mu_);
  id_ = id;
  word_ = abortWord;
  reason_ = 0;
  if (early_.erase(id)) {
    reason_ = static_cast<int>(AbortReason::Cancel);
    if (word_) __atomic_store_n(word_, 1u, __ATOMIC_SEQ_CST);
  }
}

void RunControl::end() {
  std::lock_guard<std::mutex> lock(mu_);
  id_.clear();
  word_ = nullptr;
}

void RunControl::cancel(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!id_.empty() && id == id_) {
    int none = 0;
    reason_.compare_exchange_strong(none, static_cast<int>(AbortReason::Cancel));
    if (word_) __atomic_store_n(word_, 1u, __ATOMIC_SEQ_CST);
  } else if (early_.size() < 1024) {
    early_.insert(id);
  }
}

void RunControl::raise(AbortReason why) {
  std::lock_guard<std::mutex> lock(mu_);
  int none = 0;
  reason_.compare_exchange_strong(none, static_cast<int>(why));
  if (word_) __atomic_store_n(word_, 1u, __ATOMIC_SEQ_CST);
}

bool RunControl::takeEarlyCancel(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return early_.erase(id) > 0;
}

std::string RunControl::activeId() {
  std::lock_guard<std::mutex> lock(mu_);
  return id_;
}

}  // namespace duet
