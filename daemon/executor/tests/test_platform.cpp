// src/platform/: the per-platform pieces that can be checked on any host: parsing the CPU model,
// the portable parent-death watcher (the macOS path, exercised here on Linux too) and the vendor
// library names and module compiler flags of the platform the tests were built for.
#include <cerrno>
#include <csignal>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "platform/cpu_model.h"
#include "platform/library_names.h"
#include "platform/module_flags.h"
#include "platform/parent_death.h"

TEST(platform_cpu_model_from_cpuinfo_x86_and_arm) {
  using duet::platform::cpuModelFromCpuinfo;
  CHECK(cpuModelFromCpuinfo("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n") ==
        "AMD EPYC 7B13");
  // aarch64 kernels print no "model name"; some boards say "Hardware" or "Model".
  CHECK(cpuModelFromCpuinfo("processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\nModel\t\t: Raspberry Pi 4\n") ==
        "Raspberry Pi 4");
  CHECK(cpuModelFromCpuinfo("processor\t: 0\nBogoMIPS\t: 50.00\n").empty());
  CHECK(!duet::platform::cpuModelName().empty());
}

TEST(platform_watch_parent_ends_an_orphan) {
  // child forks grandchild and exits at once; the grandchild, watching its parent, must end
  // before it writes "alive" (3 s later). The pipe's EOF tells that every writer is gone.
  int fds[2];
  CHECK(::pipe(fds) == 0);
  pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    const pid_t self = ::getpid();  // not getppid() in the grandchild: this process may be gone by then
    pid_t grandchild = ::fork();
    if (grandchild == 0) {
      duet::platform::watchParent(self, 10);
      ::sleep(3);
      (void)!::write(fds[1], "alive", 5);
      ::_exit(0);
    }
    ::usleep(50 * 1000);  // usually the grandchild is watching by now; if not, it finds us gone at once
    ::_exit(0);
  }
  ::close(fds[1]);
  int st = 0;
  while (::waitpid(child, &st, 0) < 0 && errno == EINTR) {
  }
  char buf[8];
  ssize_t n;
  std::string got;
  while ((n = ::read(fds[0], buf, sizeof buf)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  CHECK(got.empty());
}

TEST(platform_library_names) {
  using namespace duet::platform;
#if defined(__APPLE__)
  CHECK(cudaDriverLibraries().front() == "/usr/local/cuda/lib/libcuda.dylib");
  CHECK(nvrtcBuiltinsLibrary(10, 2) == "libnvrtc-builtins.10.2.dylib");
  CHECK(std::string(cudaLibSubdir()) == "lib");
  CHECK(nvmlLibraries().empty());
#else
  CHECK(cudaDriverLibraries().front() == "libcuda.so.1");
  CHECK(nvrtcLibraries().front() == "libnvrtc.so.13");
  CHECK(nvrtcBuiltinsLibrary(12, 4) == "libnvrtc-builtins.so.12.4");
  CHECK(std::string(cudaLibSubdir()) == "lib64");
  CHECK(nvmlLibraries().front() == "libnvidia-ml.so.1");
#endif
}

TEST(platform_module_flags_per_compiler_and_cpu) {
  using duet::platform::moduleCompilerFlags;
  CHECK(moduleCompilerFlags(false).empty());  // clang (macOS): no GNU-only options
  auto gcc = moduleCompilerFlags(true);
  auto has = [&](const char* flag) {
    for (const auto& f : gcc)
      if (f == flag) return true;
    return false;
  };
  CHECK(has("-fno-gnu-unique"));
  CHECK(has("-fstack-clash-protection"));  // a kernel frame cannot step over a stack's guard page
#if defined(__x86_64__)
  CHECK(has("-Wa,-mbranches-within-32B-boundaries"));
#else
  CHECK(!has("-Wa,-mbranches-within-32B-boundaries"));  // GNU as rejects it off x86
#endif
}
