#include <cstring>
#include <exception>

#include "check.h"

namespace duettest {
std::vector<Case>& registry() {
  static std::vector<Case> r;
  return r;
}
int failures = 0;
static bool skipped = false;
void skip(const std::string& why) {
  std::fprintf(stderr, "  skipped: %s\n", why.c_str());
  skipped = true;
}
}  // namespace duettest

int main(int argc, char** argv) {
  const char* only = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0, skippedCount = 0;
  for (const auto& c : duettest::registry()) {
    if (only && !std::strstr(c.name, only)) continue;
    duettest::failures = 0;
    duettest::skipped = false;
    try {
      c.fn();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "  exception: %s\n", e.what());
      duettest::failures++;
    }
    if (duettest::failures) {
      failed++;
      std::printf("FAIL %s\n", c.name);
    } else if (duettest::skipped) {
      skippedCount++;
      std::printf("skip %s\n", c.name);
    } else {
      passed++;
      std::printf("ok   %s\n", c.name);
    }
  }
  std::printf("executor: %d passed, %d failed, %d skipped\n", passed, failed, skippedCount);
  return failed ? 1 : 0;
}
