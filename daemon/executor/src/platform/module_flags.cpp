#include "module_flags.h"

namespace duet {
namespace platform {

std::vector<std::string> moduleCompilerFlags(bool gcc) {
  std::vector<std::string> f;
  if (!gcc) return f;
  // Without STB_GNU_UNIQUE symbols (an ELF extension of GNU's) a module can really be unloaded when
  // the LRU drops it.
  f.push_back("-fno-gnu-unique");
  // A kernel's frame can outgrow its stack: C++ temporaries (each of a WGSL call's array results lives
  // to the end of its full-expression) are not in the translator's per-invocation estimate. Without
  // probes (Debian's g++ does not enable them by default) a frame bigger than the guard page below a
  // fiber's or thread's stack steps over it into whatever is mapped there; with them every page is
  // touched in order, so the guard page stops it (GCC manual, -fstack-clash-protection).
  f.push_back("-fstack-clash-protection");
#if defined(__x86_64__)
  // Intel's jump-conditional-code erratum: a branch crossing or ending on a 32-byte boundary is slow, so
  // code placement alone moved saxpy's loop by ~9% between builds; GNU as pads such branches
  // (docs/performance.md, "Cost of wall 2"). An x86-64 assembler option: nowhere else.
  f.push_back("-Wa,-mbranches-within-32B-boundaries");
#endif
  return f;
}

}  // namespace platform
}  // namespace duet
