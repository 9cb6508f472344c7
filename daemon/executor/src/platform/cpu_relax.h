// A hint inside a spin-wait loop that this core is waiting (x86 PAUSE, AArch64 YIELD: Intel SDM vol. 2,
// "PAUSE—Spin Loop Hint"; Arm ARM, "YIELD"), so a sibling hyperthread or the hypervisor gets the core's
// time; nothing elsewhere.
#pragma once

namespace duet {
namespace platform {

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

}  // namespace platform
}  // namespace duet
