// Wall 3 (docs/security.md, "Wall 3: the operating-system sandbox"): the executor process that
// loads and runs kernel modules locks itself down before it says `ready`:
//   rlimits → private network namespace → landlock (read-only file system view) →
//   unprivileged uid (when root) → no_new_privs → seccomp allowlist (all threads, TSYNC).
// Each step that cannot be applied (an old kernel, no libseccomp.so.2, not root) is reported as a
// wall that is down, never a reason not to start: the daemon decides (--require-sandbox).
// The compiler helper (compile_helper.h) runs apart and gets its own, looser confinement.
#pragma once
#include <string>
#include <vector>

#include "json.h"

namespace duet {

struct SandboxStatus {
  bool seccomp = false;
  bool landlock = false;
  bool noNewPrivs = false;
  bool uid = false;  // runs as an unprivileged uid (dropped from root to 65534, or never root)
  bool netns = false;
  bool rlimits = false;
  bool compilerSeparated = false;
  std::vector<std::string> notes;  // why a wall is down, or what it is (uid 65534)
  Json toJson() const;
};

enum class SandboxMode { Cpu, Cuda };

struct SandboxOptions {
  SandboxMode mode = SandboxMode::Cpu;
  std::string cacheDir;                // readable (modules arrive as fds that resolve into it)
  std::vector<std::string> extraRead;  // $DUET_SANDBOX_EXTRA_READ (colon-separated; test shims)
  bool dropUid = true;
  int helperFd = -1;  // the compiler helper's socket: the only fd sendmsg/recvmsg may use
  bool netnsEntered = false;  // enterNetworkNamespace already ran (its result is merged in by the caller)
};

// Step 2 alone, for a process that is about to start threads it does not control (the CUDA
// driver): a private network namespace (not root: inside its own user namespace, which needs a
// single thread). Sets s.netns and notes.
void enterNetworkNamespace(SandboxStatus& s);

// Applies every wall it can to this process, in the order above. Call it before starting
// threads where possible: landlock and the network namespace apply to the calling thread and the
// threads it starts afterwards (seccomp and setuid reach every thread).
SandboxStatus applyRunnerSandbox(const SandboxOptions& o);

// The compiler helper's confinement: rlimits, no_new_privs, its own network namespace, landlock
// (read the toolchain, write only `writable`). Returns notes for what could not be applied.
std::vector<std::string> confineCompilerHelper(const std::string& writable, const std::vector<std::string>& extraRead);

// Name of a system call number on this architecture ("execve"), or "" when unknown.
// Async-signal-safe once applyRunnerSandbox has run (the names are resolved in advance).
const char* sandboxSyscallName(long nr);

// Landlock ABI version of this kernel (0: none).
int landlockAbi();

}  // namespace duet
