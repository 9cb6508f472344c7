// Runs a compiler (g++, nvcc) as a child process: stdin from /dev/null, stdout+stderr captured
// (never our stdout, which carries frames), LC_ALL=C for plain ASCII diagnostics, a time limit.
#pragma once
#include <string>
#include <vector>

namespace duet {

struct ProcessResult {
  bool started = false;   // false: could not be started (error says why)
  bool timedOut = false;  // killed after the time limit
  int exitCode = -1;      // exit status, or 128 + signal
  std::string output;     // stdout and stderr interleaved, at most 1 MiB
  std::string error;
};

ProcessResult runProcess(const std::vector<std::string>& argv, int timeoutMs);

// Looks a program up on PATH (or checks a path with a slash); "" when absent.
std::string findProgram(const std::string& name);

}  // namespace duet
