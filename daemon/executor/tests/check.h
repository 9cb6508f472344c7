// A very small test harness: TEST(name) { CHECK(…); } — run by tests/main.cpp, which prints
// "N passed, N failed" and exits non-zero on any failure.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

namespace duettest {
struct Case {
  const char* name;
  void (*fn)();
};
std::vector<Case>& registry();
extern int failures;  // failed CHECKs in the current test
struct Register {
  Register(const char* name, void (*fn)()) { registry().push_back({name, fn}); }
};
void skip(const std::string& why);
}  // namespace duettest

#define TEST(name)                                                \
  static void test_##name();                                      \
  static duettest::Register reg_##name(#name, test_##name);       \
  static void test_##name()

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      duettest::failures++;                                                          \
    }                                                                                \
  } while (0)

#define CHECK_EQ(a, b)                                                                                     \
  do {                                                                                                     \
    auto va_ = (a);                                                                                        \
    auto vb_ = (b);                                                                                        \
    if (!(va_ == vb_)) {                                                                                   \
      std::fprintf(stderr, "  %s:%d: CHECK_EQ failed: %s == %s\n", __FILE__, __LINE__, #a, #b);           \
      duettest::failures++;                                                                                \
    }                                                                                                      \
  } while (0)
