// Free-form log lines on stderr (stdout carries frames only).
#pragma once
#include <cstdarg>
#include <cstdio>

namespace duet {
inline void logf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
inline void logf(const char* fmt, ...) {
  std::va_list ap;
  va_start(ap, fmt);
  std::fputs("[duet-executor] ", stderr);
  std::vfprintf(stderr, fmt, ap);
  std::fputc('\n', stderr);
  va_end(ap);
}
}  // namespace duet
