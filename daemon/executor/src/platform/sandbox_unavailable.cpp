// Wall 3 where Linux's interfaces are missing (macOS; a DUET_POSIX_ONLY build): seccomp, landlock,
// network namespaces, capability bounding sets and no_new_privs are Linux-only, so each wall is
// reported down with why, and the daemon refuses to listen beyond loopback (it does whenever a wall
// is down: docs/security.md). The Linux implementation is sandbox.cpp.
#include "../sandbox.h"
#include "os.h"

#if !DUET_LINUX

#include <string>
#include <unistd.h>

namespace duet {

namespace {
#if defined(__APPLE__)
constexpr const char* kHere = "macOS";
#else
constexpr const char* kHere = "this build (DUET_POSIX_ONLY)";
#endif

// "seccomp: Linux-only (a system-call filter), not available on macOS"
std::string linuxOnly(const char* wall, const char* what) {
  return std::string(wall) + ": Linux-only (" + what + "), not available on " + kHere;
}
}  // namespace

void enterNetworkNamespace(SandboxStatus& s) {
  s.netns = false;
  s.notes.push_back(linuxOnly("netns", "a private network namespace"));
}

SandboxStatus applyRunnerSandbox(const SandboxOptions&) {
  SandboxStatus s;
  s.notes.push_back(linuxOnly("seccomp", "a system-call filter"));
  s.notes.push_back(linuxOnly("landlock", "a file-system allowlist"));
  s.notes.push_back(linuxOnly("noNewPrivs", "prctl PR_SET_NO_NEW_PRIVS"));
  s.notes.push_back(linuxOnly("rlimits", "the executor's rlimits are set with the other Linux walls"));
  // Not root is the one wall POSIX gives without help.
  s.uid = ::geteuid() != 0;
  if (!s.uid) s.notes.push_back("uid: running as root, and dropping it is Linux-only here");
  return s;
}

std::vector<std::string> confineCompilerHelper(const std::string&, const std::vector<std::string>&) {
  // main.cpp prefixes the helper's notes with "compiler helper: ".
  return {std::string("not confined: landlock and namespaces are Linux-only, not available on ") + kHere};
}

const char* sandboxSyscallName(long) { return ""; }

int landlockAbi() { return 0; }

}  // namespace duet

#endif  // !DUET_LINUX
