// Wall 3 (sandbox.h) in forked children: what the runner's seccomp filter kills, what it lets
// through (threads, reading), and that the compiler helper's landlock lets it write only its cache.
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "check.h"
#include "kernel_cache.h"
#include "platform/os.h"
#include "sandbox.h"

namespace {

// Runs fn in a forked child (SIGSYS at its default: the child dies of it); returns the status.
template <typename F>
int inChild(F fn) {
  pid_t p = ::fork();
  if (p == 0) {
    ::signal(SIGSYS, SIG_DFL);
    ::_exit(fn());
  }
  int st = 0;
  while (::waitpid(p, &st, 0) < 0 && errno == EINTR) {
  }
  return st;
}

std::string tempDir() {
  char t[] = "/tmp/duet-sandbox-test-XXXXXX";
  const char* d = ::mkdtemp(t);
  return d ? d : "";
}

constexpr int kNoSeccomp = 77;

// In a child: the runner's sandbox, then `attempt`; exit kNoSeccomp when seccomp is down.
template <typename F>
int sandboxed(const std::string& cache, F attempt) {
  return inChild([&] {
    duet::SandboxOptions o;
    o.cacheDir = cache;
    duet::SandboxStatus s = duet::applyRunnerSandbox(o);
    if (!s.seccomp) return kNoSeccomp;
    return attempt();
  });
}

bool killedBySigsys(int st) { return WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS; }

}  // namespace

TEST(sandbox_runner_traps_exec_fork_create_and_executable_memory) {
  std::string dir = tempDir();
  std::string created = dir + "/created";
  int st = sandboxed(dir, [] { return 0; });
  if (WIFEXITED(st) && WEXITSTATUS(st) == kNoSeccomp) return duettest::skip("seccomp is not available here");
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(killedBySigsys(sandboxed(dir, [] {
    char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
    ::execve("/bin/true", argv, nullptr);
    return 1;
  })));
  CHECK(killedBySigsys(sandboxed(dir, [] {
    pid_t p = ::fork();
    if (p == 0) ::_exit(0);
    return 1;
  })));
  CHECK(killedBySigsys(sandboxed(dir, [&] {
    ::open(created.c_str(), O_WRONLY | O_CREAT, 0644);
    return 1;
  })));
  CHECK(!duet::fileExists(created));
  CHECK(killedBySigsys(sandboxed(dir, [] {
    void* m = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ::mprotect(m, 4096, PROT_READ | PROT_EXEC);
    return 1;
  })));
  ::rmdir(dir.c_str());
}

TEST(sandbox_runner_keeps_threads_and_reading) {
  std::string dir = tempDir();
  int st = sandboxed(dir, [] {
    int v = 0;
    std::thread t([&] { v = 7; });
    t.join();
    int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    char buf[64];
    bool read = fd >= 0 && ::read(fd, buf, sizeof buf) > 0;
    void* m = ::mmap(nullptr, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return v == 7 && read && m != MAP_FAILED ? 0 : 1;
  });
  if (WIFEXITED(st) && WEXITSTATUS(st) == kNoSeccomp) return duettest::skip("seccomp is not available here");
  CHECK(WIFEXITED(st));
  CHECK_EQ(WEXITSTATUS(st), 0);
  ::rmdir(dir.c_str());
}

TEST(sandbox_compiler_helper_writes_only_its_cache_and_signals_no_outsider) {
  if (duet::landlockAbi() <= 0) return duettest::skip("landlock is not available here");
  std::string root = tempDir();
  std::string cache = root + "/cache";
  ::mkdir(cache.c_str(), 0755);
  std::string inside = cache + "/module.so", outside = root + "/escaped";
  int st = inChild([&] {
    duet::confineCompilerHelper(cache, {});
    int in = ::open(inside.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    int out = ::open(outside.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    int err = errno;
    // Landlock ABI 6 scopes signals: not even a probe of the (same-uid) parent.
    bool scoped = duet::landlockAbi() < 6 || (::kill(::getppid(), 0) != 0 && errno == EPERM);
    return (in >= 0 ? 0 : 1) | (out < 0 && err == EACCES ? 0 : 2) | (scoped ? 0 : 4);
  });
  CHECK(WIFEXITED(st));
  CHECK_EQ(WEXITSTATUS(st), 0);
  CHECK(duet::fileExists(inside));
  CHECK(!duet::fileExists(outside));
  ::unlink(inside.c_str());
  ::unlink(outside.c_str());
  ::rmdir(cache.c_str());
  ::rmdir(root.c_str());
}

#if !DUET_LINUX
// Where the walls do not exist (macOS; a DUET_POSIX_ONLY build) each is reported down, saying why:
// the daemon then refuses to listen beyond loopback.
TEST(sandbox_unavailable_reports_every_linux_wall_down_with_why) {
  duet::SandboxStatus s = duet::applyRunnerSandbox(duet::SandboxOptions{});
  duet::enterNetworkNamespace(s);
  CHECK(!s.seccomp && !s.landlock && !s.noNewPrivs && !s.netns && !s.rlimits);
  for (const char* wall : {"seccomp: Linux-only", "landlock: Linux-only", "noNewPrivs: Linux-only", "netns: Linux-only",
                           "rlimits: Linux-only"}) {
    bool said = false;
    for (const auto& n : s.notes) said = said || n.rfind(wall, 0) == 0;
    CHECK(said);
  }
  CHECK(duet::landlockAbi() == 0);
  CHECK(std::string(duet::sandboxSyscallName(59)).empty());
}
#endif
