// A run that fails answers one `error` frame (docs/contracts.md §4): code, message, optional
// compiler log, and fatal (the executor exits after sending it).
#pragma once
#include <stdexcept>
#include <string>

namespace duet {

struct RunError : std::runtime_error {
  RunError(std::string code_, const std::string& message, std::string log_ = "", bool fatal_ = false)
      : std::runtime_error(message), code(std::move(code_)), log(std::move(log_)), fatal(fatal_) {}
  std::string code;  // compile | launch | time-limit | barrier | aborted | internal | device | need-source
  std::string log;
  bool fatal;
};

// A run named its source by hash alone and this executor has neither the module nor its source:
// the daemon answers by sending the run again with the source (contracts §4).
inline RunError needSource(const std::string& sourceHash) {
  return RunError("need-source", "this executor has no module for source " + sourceHash + "; send the source");
}

}  // namespace duet
