// The CPU's model name for `ready` and run reports ("AMD EPYC 7B13", "Apple M2").
#pragma once
#include <string>

namespace duet {
namespace platform {

// Linux: /proc/cpuinfo (x86-64 "model name", aarch64 "Model"/"Hardware"); macOS:
// sysctl machdep.cpu.brand_string; else, and when neither says, uname's machine ("aarch64").
std::string cpuModelName();

// The model from /proc/cpuinfo-shaped text; "" when it names none (split out for the tests).
std::string cpuModelFromCpuinfo(const std::string& text);

}  // namespace platform
}  // namespace duet
