#include "timing.h"

namespace duet {

double steadyClockResolutionMs() {
  static const double res = [] {
    double best = 1e9;
    for (int i = 0; i < 50; i++) {
      auto a = Clock::now();
      auto b = Clock::now();
      while (b == a) b = Clock::now();
      double d = msBetween(a, b);
      if (d < best) best = d;
    }
    double nominal = std::chrono::duration<double, std::milli>(Clock::duration(1)).count();
    return best > nominal ? best : nominal;
  }();
  return res;
}

}  // namespace duet
