// A run that fails answers one `error` frame (docs/contracts.md §4): code, message, optional
// compiler log, and fatal (the executor exits after sending it).
#pragma once
#include <stdexcept>
#include <string>

namespace duet {

struct RunError : std::runtime_error {
  RunError(std::string code_, const std::string& message, std::string log_ = "", bool fatal_ = false)
      : std::runtime_error(message), code(std::move(code_)), log(std::move(log_)), fatal(fatal_) {}
  std::string code;  // compile | launch | time-limit | barrier | aborted | internal | device
  std::string log;
  bool fatal;
};

}  // namespace duet
