#include "module_flags.h"

namespace duet {
namespace platform {

std::vector<std::string> moduleCompilerFlags(bool gcc) {
  std::vector<std::string> f;
  if (!gcc) return f;
  // Without STB_GNU_UNIQUE symbols (an ELF extension of GNU's) a module can really be unloaded when
  // the LRU drops it.
  f.push_back("-fno-gnu-unique");
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
