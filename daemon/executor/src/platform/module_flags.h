// Compiler flags for CPU kernel modules that depend on the executor's platform: the modules are
// compiled for, and loaded into, the executor's own OS and CPU (a cross-built executor, e.g. aarch64
// under qemu, gets a matching DUET_CXX).
#pragma once
#include <string>
#include <vector>

namespace duet {
namespace platform {

// Flags added after the portable ones (cpu_backend.cpp, CpuCompiler::flags). `gcc`: the compiler
// is GNU g++ (GNU as, ELF), not clang.
std::vector<std::string> moduleCompilerFlags(bool gcc);

}  // namespace platform
}  // namespace duet
