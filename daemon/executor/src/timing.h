// Host timing with std::chrono::steady_clock (monotonic; [time.clock.steady]).
#pragma once
#include <chrono>

namespace duet {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
inline double msBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}
// Smallest step steady_clock shows here, in ms (measured once: the nominal period can be finer
// than what the clock really resolves).
double steadyClockResolutionMs();

}  // namespace duet
