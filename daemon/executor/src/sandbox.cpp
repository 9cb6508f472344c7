// Linux's walls (sandbox.h). Elsewhere, and in a DUET_POSIX_ONLY build, platform/sandbox_unavailable.cpp
// reports each wall down and why.
#include "sandbox.h"

#include "platform/os.h"
#if DUET_LINUX

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "dynlib.h"
#include "log.h"

namespace duet {

// ---------------------------------------------------------------------------------------------
// libseccomp, loaded at run time (only the libseccomp2 runtime need be installed; no headers).
// Declarations follow seccomp.h of libseccomp 2.5 (the ABI has been stable since 2.0).
namespace scmp {
struct ArgCmp {  // struct scmp_arg_cmp
  unsigned int arg;
  int op;  // enum scmp_compare
  std::uint64_t a, b;
};
constexpr int CMP_NE = 1, CMP_EQ = 4, CMP_MASKED_EQ = 7;
constexpr std::uint32_t ACT_ALLOW = 0x7fff0000U;
constexpr std::uint32_t ACT_TRAP = 0x00030000U;  // SIGSYS to the thread: crash.cpp reports it
constexpr std::uint32_t ACT_ERRNO(int e) { return 0x00050000U | (static_cast<std::uint32_t>(e) & 0xffffU); }
constexpr int ATTR_CTL_NNP = 3, ATTR_CTL_TSYNC = 4;
constexpr std::uint32_t ARCH_NATIVE = 0;
constexpr int NR_ERROR = -1;  // __NR_SCMP_ERROR

// X(name, type, required)
#define DUET_SECCOMP_SYMBOLS(X)                                                       \
  X(seccomp_init, void* (*)(std::uint32_t), true)                                     \
  X(seccomp_release, void (*)(void*), true)                                           \
  X(seccomp_attr_set, int (*)(void*, int, std::uint32_t), true)                       \
  X(seccomp_rule_add_array, int (*)(void*, std::uint32_t, int, unsigned, const ArgCmp*), true) \
  X(seccomp_load, int (*)(void*), true)                                               \
  X(seccomp_syscall_resolve_name, int (*)(const char*), true)                         \
  X(seccomp_syscall_resolve_num_arch, char* (*)(std::uint32_t, int), true)

struct Api {
#define DUET_FIELD(name, type, req) \
  using name##_fn = type;        \
  name##_fn name;
  DUET_SECCOMP_SYMBOLS(DUET_FIELD)
#undef DUET_FIELD
};

const SymbolSpec* symbols(std::size_t* n) {
  static const SymbolSpec specs[] = {
#define DUET_SPEC(name, type, req) {#name, offsetof(Api, name), req},
      DUET_SECCOMP_SYMBOLS(DUET_SPEC)
#undef DUET_SPEC
  };
  *n = sizeof specs / sizeof specs[0];
  return specs;
}

// Loads libseccomp once; returns nullptr and *why when it is not there.
const Api* load(std::string* why) {
  static Api api{};
  static std::string err = [] {
    std::string w, opened;
    void* h = openLibrary(libraryCandidates("DUET_LIBSECCOMP", {"libseccomp.so.2", "libseccomp.so"}), &w, &opened);
    if (!h) return w;
    std::size_t n;
    const SymbolSpec* s = symbols(&n);
    std::string missing = loadSymbols(h, s, n, &api);
    return missing.empty() ? std::string() : opened + ": " + missing;
  }();
  if (!err.empty()) {
    if (why) *why = err;
    return nullptr;
  }
  return &api;
}
}  // namespace scmp

// Syscall names, resolved before the filter is loaded so the SIGSYS handler can name one.
namespace {
constexpr int kNames = 512;
char g_names[kNames][24];
}  // namespace

const char* sandboxSyscallName(long nr) {
  if (nr < 0 || nr >= kNames) return "";
  return g_names[nr];
}

// ---------------------------------------------------------------------------------------------
// Landlock, through syscall(2). Constants and structs from the kernel UAPI (linux/landlock.h),
// declared here so an older header (without ABI 3+ fields) still builds.
namespace ll {
#ifndef SYS_landlock_create_ruleset
constexpr long SYS_create_ruleset = 444, SYS_add_rule = 445, SYS_restrict_self = 446;
#else
constexpr long SYS_create_ruleset = SYS_landlock_create_ruleset, SYS_add_rule = SYS_landlock_add_rule,
               SYS_restrict_self = SYS_landlock_restrict_self;
#endif
struct RulesetAttr {
  std::uint64_t fs, net, scoped;
};
struct __attribute__((packed)) PathBeneath {
  std::uint64_t allowed;
  std::int32_t parentFd;
};
constexpr std::uint64_t EXECUTE = 1ULL << 0, WRITE_FILE = 1ULL << 1, READ_FILE = 1ULL << 2, READ_DIR = 1ULL << 3,
                        REMOVE_DIR = 1ULL << 4, REMOVE_FILE = 1ULL << 5, MAKE_CHAR = 1ULL << 6, MAKE_DIR = 1ULL << 7,
                        MAKE_REG = 1ULL << 8, MAKE_SOCK = 1ULL << 9, MAKE_FIFO = 1ULL << 10, MAKE_BLOCK = 1ULL << 11,
                        MAKE_SYM = 1ULL << 12, REFER = 1ULL << 13, TRUNCATE = 1ULL << 14;
constexpr std::uint64_t FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE;
constexpr std::uint64_t READ = EXECUTE | READ_FILE | READ_DIR;
constexpr std::uint64_t ALL_V1 = (1ULL << 13) - 1;
constexpr std::uint64_t NET_BIND_TCP = 1, NET_CONNECT_TCP = 2;
constexpr std::uint64_t SCOPE_ABSTRACT_UNIX = 1, SCOPE_SIGNAL = 2;

std::uint64_t handledFs(int abi) {
  std::uint64_t fs = ALL_V1;
  if (abi >= 2) fs |= REFER;
  if (abi >= 3) fs |= TRUNCATE;
  return fs;  // IOCTL_DEV (ABI 5) is left to seccomp: not handled, so not restricted here
}

struct Rule {
  std::string path;
  std::uint64_t access;
};

// Restricts the calling thread (and threads it starts later). Returns "" or why not.
std::string apply(const std::vector<Rule>& rules, bool denyTcp, bool scope) {
  int abi = landlockAbi();
  if (abi <= 0) return "landlock is not available in this kernel";
  RulesetAttr attr{};
  attr.fs = handledFs(abi);
  std::size_t size = sizeof(std::uint64_t);
  if (abi >= 4) {
    size = 2 * sizeof(std::uint64_t);
    if (denyTcp) attr.net = NET_BIND_TCP | NET_CONNECT_TCP;
  }
  if (abi >= 6) {
    size = sizeof attr;
    if (scope) attr.scoped = SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL;
  }
  int rs = static_cast<int>(::syscall(SYS_create_ruleset, &attr, size, 0));
  if (rs < 0) return std::string("landlock_create_ruleset: ") + std::strerror(errno);
  for (const Rule& r : rules) {
    int fd = ::open(r.path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) continue;  // absent on this system: nothing to allow
    struct stat st;
    PathBeneath pb{};
    pb.allowed = r.access & attr.fs;
    if (::fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) pb.allowed &= FILE_RIGHTS;
    pb.parentFd = fd;
    if (pb.allowed && ::syscall(SYS_add_rule, rs, 1 /* LANDLOCK_RULE_PATH_BENEATH */, &pb, 0) != 0) {
      std::string e = "landlock_add_rule " + r.path + ": " + std::strerror(errno);
      ::close(fd);
      ::close(rs);
      return e;
    }
    ::close(fd);
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    ::close(rs);
    return std::string("no_new_privs: ") + std::strerror(errno);
  }
  long rc = ::syscall(SYS_restrict_self, rs, 0);
  int err = errno;
  ::close(rs);
  if (rc != 0) return std::string("landlock_restrict_self: ") + std::strerror(err);
  return "";
}

void addSplit(std::vector<Rule>& rules, const std::vector<std::string>& paths, std::uint64_t access) {
  for (const auto& p : paths)
    if (!p.empty()) rules.push_back({p, access});
}
}  // namespace ll

int landlockAbi() {
  long v = ::syscall(ll::SYS_create_ruleset, nullptr, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */);
  return v < 0 ? 0 : static_cast<int>(v);
}

// ---------------------------------------------------------------------------------------------
namespace {

// Lowers a limit (never raises one that is already lower: that would fail without privilege).
std::string setLimit(int which, rlim_t soft, rlim_t hard) {
  struct rlimit cur;
  if (::getrlimit(which, &cur) == 0 && cur.rlim_max != RLIM_INFINITY) {
    if (hard > cur.rlim_max) hard = cur.rlim_max;
    if (soft > hard) soft = hard;
  }
  struct rlimit r{soft, hard};
  if (::setrlimit(which, &r) == 0) return "";
  return std::string("setrlimit: ") + std::strerror(errno);
}

// Address-space bound of the CPU runner: twice the machine's memory, at least 32 GiB, plus the
// 256 MiB of fiber stacks each worker thread reserves (MAP_NORESERVE). Not a memory quota (the
// daemon's limits bound a run's buffers): it stops a kernel from reserving unbounded address space.
rlim_t cpuAddressSpace() {
  if (const char* e = std::getenv("DUET_EXECUTOR_MAX_AS_MB"); e && *e) return static_cast<rlim_t>(std::strtoull(e, nullptr, 10)) << 20;
  struct sysinfo si;
  unsigned long long ram = ::sysinfo(&si) == 0 ? static_cast<unsigned long long>(si.totalram) * si.mem_unit : 0;
  unsigned long long want = 2 * ram;
  if (want < (32ULL << 30)) want = 32ULL << 30;
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  want += static_cast<unsigned long long>(cpus > 0 ? cpus : 1) * (256ULL << 20);
  return static_cast<rlim_t>(want);
}

std::vector<std::string> splitColon(const char* s) {
  std::vector<std::string> out;
  if (!s) return out;
  std::string cur;
  for (const char* p = s;; p++) {
    if (*p == ':' || !*p) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (!*p) break;
    } else {
      cur += *p;
    }
  }
  return out;
}

// The seccomp allowlist of the runner. Anything not listed traps (SIGSYS: a "sandbox violation"
// error frame, then the executor exits and the daemon starts a fresh one). Each entry says why
// the executor (or glibc / libstdc++ / the CUDA driver under it) needs it; docs/security.md lists
// the same table.
class Filter {
 public:
  Filter(const scmp::Api& api, void* ctx, std::uint32_t defaultAction) : api_(api), ctx_(ctx), default_(defaultAction) {}
  void rule(const char* name, std::uint32_t action, std::vector<scmp::ArgCmp> args = {}) {
    // A rule whose action is the default one is implied, and libseccomp refuses it (EACCES); such
    // rules stay in the table below as documentation of what traps.
    if (!error_.empty() || action == default_) return;
    int nr = api_.seccomp_syscall_resolve_name(name);
    if (nr == scmp::NR_ERROR) return;  // no such call on this architecture
    int rc = api_.seccomp_rule_add_array(ctx_, action, nr, static_cast<unsigned>(args.size()), args.data());
    if (rc != 0 && nr >= 0) error_ = std::string("seccomp_rule_add ") + name + ": " + std::strerror(-rc);
  }
  void allow(std::initializer_list<const char*> names) {
    for (const char* n : names) rule(n, scmp::ACT_ALLOW);
  }
  const std::string& error() const { return error_; }

 private:
  const scmp::Api& api_;
  void* ctx_;
  std::uint32_t default_;
  std::string error_;
};

scmp::ArgCmp masked(unsigned arg, std::uint64_t mask, std::uint64_t value) { return {arg, scmp::CMP_MASKED_EQ, mask, value}; }
scmp::ArgCmp eq(unsigned arg, std::uint64_t v) { return {arg, scmp::CMP_EQ, v, 0}; }
scmp::ArgCmp ne(unsigned arg, std::uint64_t v) { return {arg, scmp::CMP_NE, v, 0}; }

constexpr std::uint64_t kO_TMPFILE_BIT = 020000000;  // __O_TMPFILE

void buildAllowlist(Filter& f, SandboxMode mode, int helperFd) {
  const bool cuda = mode == SandboxMode::Cuda;
  const std::uint32_t TRAP = scmp::ACT_TRAP, ALLOW = scmp::ACT_ALLOW;

  // Frames on stdin/stdout, logs on stderr, reading files opened read-only (modules, /proc/cpuinfo).
  f.allow({"read", "readv", "pread64", "preadv", "write", "writev", "close", "close_range", "lseek"});
  // stat family: glibc's dlopen, stdio, ifstream.
  f.allow({"fstat", "newfstatat", "stat", "lstat", "statx", "readlink", "readlinkat", "access", "faccessat",
           "faccessat2", "getcwd", "getdents64"});
  // fd bookkeeping (O_CLOEXEC, dup of the module fd).
  f.allow({"fcntl", "dup", "dup3"});

  // Opening files: read-only only. Write access, O_CREAT, O_TRUNC and O_TMPFILE trap (CPU). The
  // CUDA driver opens its device nodes read-write (/dev/nvidia*, landlock limits writes to /dev),
  // so CUDA allows the access mode but still never creates or truncates.
  const std::uint64_t create = O_CREAT | O_TRUNC | kO_TMPFILE_BIT;
  const std::uint64_t writeMode = cuda ? 0 : static_cast<std::uint64_t>(O_WRONLY | O_RDWR);
  for (auto [name, a] : {std::pair<const char*, unsigned>{"openat", 2}, {"open", 1}}) {
    f.rule(name, ALLOW, {masked(a, create | writeMode, 0)});
    for (std::uint64_t bit : {static_cast<std::uint64_t>(O_CREAT), static_cast<std::uint64_t>(O_TRUNC), kO_TMPFILE_BIT})
      f.rule(name, TRAP, {masked(a, bit, bit)});
    if (!cuda) {
      f.rule(name, TRAP, {masked(a, O_WRONLY, O_WRONLY)});
      f.rule(name, TRAP, {masked(a, O_RDWR, O_RDWR)});
    }
  }
  // openat2 returns ENOSYS: glibc does not need it, and its flags live in a struct we cannot inspect.
  f.rule("openat2", scmp::ACT_ERRNO(ENOSYS));

  // Memory. New executable memory is refused: mmap with PROT_EXEC only when read-only and backed
  // by a file (glibc's dlopen mapping a module's text), never anonymous, never writable+executable;
  // mprotect never adds PROT_EXEC. (A module's own text is executable by nature; what this stops is
  // a second stage: shellcode written to memory and then run.)
  f.rule("mmap", ALLOW, {masked(2, PROT_EXEC, 0)});
  f.rule("mmap", ALLOW, {masked(2, PROT_EXEC | PROT_WRITE, PROT_EXEC), masked(3, MAP_ANONYMOUS, 0)});
  f.rule("mmap", TRAP, {masked(2, PROT_EXEC | PROT_WRITE, PROT_EXEC | PROT_WRITE)});
  f.rule("mmap", TRAP, {masked(2, PROT_EXEC, PROT_EXEC), masked(3, MAP_ANONYMOUS, MAP_ANONYMOUS)});
  f.rule("mprotect", ALLOW, {masked(2, PROT_EXEC, 0)});
  f.rule("mprotect", TRAP, {masked(2, PROT_EXEC, PROT_EXEC)});
  f.allow({"munmap", "mremap", "madvise", "brk", "membarrier"});

  // Threads: pthread_create's clone carries CLONE_THREAD; any other clone (fork) traps. clone3
  // answers ENOSYS so glibc (2.34+) falls back to clone, whose flags seccomp can read.
  // No namespace flags either (a thread in new namespaces).
  const std::uint64_t ns = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;
  f.rule("clone", ALLOW, {masked(0, CLONE_THREAD | ns, CLONE_THREAD)});
  f.rule("clone", TRAP, {masked(0, CLONE_THREAD, 0)});
  f.rule("clone3", scmp::ACT_ERRNO(ENOSYS));
  f.allow({"futex", "set_robust_list", "get_robust_list", "rseq", "set_tid_address", "exit", "exit_group",
           "sched_yield", "sched_getaffinity", "gettid", "getpid", "getppid"});
  // Signals: handlers and masks (crash reporting, the watchdog), alternate stacks per thread;
  // tgkill only to threads of this process (raise, pthread_kill).
  f.allow({"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "restart_syscall"});
  f.rule("tgkill", ALLOW, {eq(0, static_cast<std::uint64_t>(::getpid()))});
  // Time and randomness.
  f.allow({"clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep", "getrandom"});
  f.allow({"poll", "ppoll"});
  // Identity and limits, read-only: uname, sysinfo (thread pool sizing), getrlimit;
  // prlimit64 only on this process, and raising or changing a limit answers EPERM.
  f.allow({"uname", "sysinfo", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups",
           "getrlimit", "getrusage", "times"});
  f.rule("prlimit64", ALLOW, {eq(0, 0), eq(2, 0)});
  f.rule("prlimit64", scmp::ACT_ERRNO(EPERM), {eq(0, 0), ne(2, 0)});
  // prctl: thread names and glibc's stack naming (PR_SET_VMA); nothing else (PR_SET_DUMPABLE,
  // PR_SET_SECCOMP, PR_SET_PTRACER… trap).
  for (std::uint64_t op : {15ULL /* PR_SET_NAME */, 16ULL /* PR_GET_NAME */, 0x53564d41ULL /* PR_SET_VMA */,
                           3ULL /* PR_GET_DUMPABLE */})
    f.rule("prctl", ALLOW, {eq(0, op)});
  // The compiler helper's socket (created before the filter): modules arrive over it as fds
  // (SCM_RIGHTS). Only that fd: no other socket exists, and socket() itself traps below.
  if (helperFd >= 0) {
    for (const char* n : {"sendmsg", "recvmsg", "sendto", "recvfrom"}) f.rule(n, ALLOW, {eq(0, static_cast<std::uint64_t>(helperFd))});
  }

  // What an attacker wants first always traps (with the CPU's trap default these are implied;
  // CUDA's default is EPERM, so they are named): new programs and processes, debugging other
  // processes, namespaces and mounts, kernel modules and BPF, identity changes, signals to other
  // processes, anonymous executable files. (File management — unlink, rename, mkdir, chmod… — is
  // refused by landlock too, and by the default action.)
  for (const char* n : {"execve", "execveat", "fork", "vfork", "ptrace", "process_vm_readv", "process_vm_writev",
                        "mount", "umount2", "pivot_root", "chroot", "setns", "unshare", "bpf", "perf_event_open",
                        "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "setuid",
                        "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "kill", "tkill",
                        "memfd_create", "userfaultfd", "io_uring_setup", "keyctl", "add_key", "request_key",
                        "socketpair", "creat"})
    f.rule(n, TRAP);
  if (cuda) f.rule("socket", TRAP, {ne(0, AF_UNIX)});
  else f.rule("socket", TRAP);
  f.rule("tgkill", TRAP, {ne(0, static_cast<std::uint64_t>(::getpid()))});

  if (!cuda) {
    // isatty() and friends: a soft "not a terminal".
    f.rule("ioctl", scmp::ACT_ERRNO(ENOTTY));
  } else {
    // The CUDA driver (libcuda) talks to the kernel module through ioctl on /dev/nvidia*,
    // /dev/nvidia-uvm and /dev/nvidiactl, maps device and pinned memory with mmap on those fds
    // (allowed above: not executable), waits on its own event fds and epoll sets from internal
    // threads, pins and places host memory (mlock, NUMA policy) and reads /proc and /sys
    // (statfs for the mounts it probes).
    f.allow({"ioctl", "eventfd2", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "pipe2", "mlock", "munlock",
             "mbind", "get_mempolicy", "set_mempolicy", "fstatfs", "statfs", "sched_getparam", "sched_getscheduler",
             "sched_get_priority_min", "sched_get_priority_max", "getpriority", "sched_setaffinity"});
    // The driver may probe for nvidia-persistenced / MPS over a UNIX socket and runs without one:
    // socket(AF_UNIX) answers EACCES (no socket is ever created); any other family traps.
    f.rule("socket", scmp::ACT_ERRNO(EACCES), {eq(0, AF_UNIX)});
  }
}

}  // namespace

namespace {
bool writeText(const char* path, const std::string& text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// No capability now or after any exec (the bounding set emptied, then capset to nothing).
std::string dropCapabilities() {
  for (int cap = 0; cap < 64; cap++) ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
  ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2] = {};
  if (::syscall(SYS_capset, &hdr, data) != 0) return std::string("capset: ") + std::strerror(errno);
  return "";
}

std::string ownUserAndNetNamespace() {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) return std::string("unshare(CLONE_NEWUSER|CLONE_NEWNET): ") + std::strerror(errno);
  if (!writeText("/proc/self/setgroups", "deny") || !writeText("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1") ||
      !writeText("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1"))
    return std::string("user namespace mapping: ") + std::strerror(errno);
  return dropCapabilities();
}
}  // namespace

namespace {
void resolveNames(const scmp::Api& api) {
  for (int i = 0; i < kNames; i++) {
    char* n = api.seccomp_syscall_resolve_num_arch(scmp::ARCH_NATIVE, i);
    if (n) {
      std::snprintf(g_names[i], sizeof g_names[i], "%s", n);
      std::free(n);
    }
  }
}

// The read-only view of the file system shared by the runner and the helper: the toolchain and
// shared libraries, the dynamic loader's cache.
std::vector<std::string> systemReadPaths() {
  return {"/usr", "/lib", "/lib64", "/lib32", "/libx32", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
          "/dev/null", "/dev/zero", "/dev/urandom"};
}
}  // namespace

// A private network namespace: no interface but a down loopback. Not root: inside a user
// namespace of its own (one mapping: its own uid and gid), whose capabilities it drops at once;
// that needs a single-threaded process (main.cpp calls this before any thread starts).
void enterNetworkNamespace(SandboxStatus& s) {
  if (::unshare(CLONE_NEWNET) == 0) {
    s.netns = true;
  } else if (int err = errno; err == EPERM && ::geteuid() != 0) {
    std::string why = ownUserAndNetNamespace();
    s.netns = why.empty();
    s.notes.push_back(s.netns ? "netns: in its own user namespace (not root)" : "netns: " + why);
  } else {
    s.notes.push_back(std::string("netns: unshare(CLONE_NEWNET): ") + std::strerror(err));
  }
}

SandboxStatus applyRunnerSandbox(const SandboxOptions& o) {
  SandboxStatus s;
  std::vector<std::string> extra = o.extraRead;
  for (auto& p : splitColon(std::getenv("DUET_SANDBOX_EXTRA_READ"))) extra.push_back(p);

  // 1. rlimits: no core files, no files written at all (CPU: RLIMIT_FSIZE 0; pipes are not files),
  // bounded processes (threads count too) and address space. CUDA: no RLIMIT_AS, the driver
  // reserves address space for unified addressing far beyond any bound that would mean anything.
  {
    std::string e = setLimit(RLIMIT_CORE, 0, 0);
    // CUDA keeps RLIMIT_FSIZE: files the driver opened before the lock-down (its logs) stay
    // writable; no file can be created or opened for writing after it (seccomp, landlock).
    // Also kept when stdout or stderr is a regular file (run by hand, `2> log`): the logs would
    // stop. SIGXFSZ is ignored: a write past the limit fails with EFBIG instead of killing.
    auto regular = [](int fd) {
      struct stat st;
      return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    };
    ::signal(SIGXFSZ, SIG_IGN);
    if (e.empty() && o.mode == SandboxMode::Cpu) {
      if (regular(1) || regular(2)) s.notes.push_back("rlimits: no RLIMIT_FSIZE (stdout or stderr is a file)");
      else e = setLimit(RLIMIT_FSIZE, 0, 0);
    }
    if (e.empty()) e = setLimit(RLIMIT_NPROC, 1024, 1024);
    if (e.empty() && o.mode == SandboxMode::Cpu) {
      rlim_t as = cpuAddressSpace();
      e = setLimit(RLIMIT_AS, as, as);
    }
    s.rlimits = e.empty();
    if (!e.empty()) s.notes.push_back("rlimits: " + e);
  }

  // 2. A private network namespace (enterNetworkNamespace).
  if (!o.netnsEntered) enterNetworkNamespace(s);

  // 3. Landlock: read the system libraries, its own /proc entries, the CPU count, and the module
  // cache (modules arrive as memfds; a file fd into the cache where memfds cannot be executable);
  // write nothing (CUDA: the device nodes). Also, from ABI 4, no TCP; from ABI 6, no signals or abstract UNIX sockets
  // beyond this process.
  {
    std::vector<ll::Rule> rules;
    ll::addSplit(rules, systemReadPaths(), ll::READ);
    // /proc: this process's own entries (/proc/self resolves to /proc/<pid> now) and the few
    // system-wide files read here, never other processes' (their command lines may hold secrets).
    ll::addSplit(rules, {"/proc/self", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/sys/devices/system/cpu", o.cacheDir},
                 ll::READ);
    ll::addSplit(rules, extra, ll::READ);
    if (o.mode == SandboxMode::Cuda) {
      // The driver's probes: its /proc/driver/nvidia, device numbers, VM settings, PCI in /sys.
      ll::addSplit(rules, {"/etc", "/sys", "/opt", "/proc/driver", "/proc/devices", "/proc/sys/vm", "/proc/modules"}, ll::READ);
      rules.push_back({"/dev", ll::READ | ll::WRITE_FILE});
    }
    std::string e = ll::apply(rules, true, true);
    s.landlock = e.empty();
    if (!e.empty()) s.notes.push_back("landlock: " + e);
    else s.notes.push_back("landlock ABI " + std::to_string(landlockAbi()));
  }

  // 4. An unprivileged uid: when root, drop to nobody (65534) for good, with an empty capability
  // bounding set first (nothing to regain, whatever runs).
  if (::geteuid() == 0 && o.dropUid) {
    for (int cap = 0; cap < 64; cap++) ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    const gid_t g = 65534;
    const uid_t u = 65534;
    bool ok = ::setgroups(0, nullptr) == 0 && ::setresgid(g, g, g) == 0 && ::setresuid(u, u, u) == 0;
    uid_t r, e, ss;
    ok = ok && ::getresuid(&r, &e, &ss) == 0 && r == u && e == u && ss == u;
    s.uid = ok;
    s.notes.push_back(ok ? "uid: dropped from root to 65534" : std::string("uid: cannot drop root: ") + std::strerror(errno));
  } else {
    s.uid = ::geteuid() != 0;
    s.notes.push_back(s.uid ? "uid: runs as uid " + std::to_string(::geteuid()) + " (not root: nothing to drop)"
                            : "uid: runs as root (dropping it was turned off)");
  }

  // 5. no_new_privs (also set by landlock above): no set-uid exec, a condition for seccomp.
  s.noNewPrivs = ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && ::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;
  if (!s.noNewPrivs) s.notes.push_back(std::string("noNewPrivs: ") + std::strerror(errno));

  // 6. seccomp allowlist, on every thread (TSYNC), last: it forbids most of the steps above.
  std::string why;
  const scmp::Api* api = scmp::load(&why);
  if (api) {
    resolveNames(*api);
    // CPU: anything not on the allowlist traps. CUDA: anything not on it fails with EPERM (it
    // does not run either way), so a driver call this list has not met yet degrades instead of
    // killing every run, while the calls named dangerous in buildAllowlist still trap.
    const std::uint32_t def = o.mode == SandboxMode::Cuda ? scmp::ACT_ERRNO(EPERM) : scmp::ACT_TRAP;
    void* ctx = api->seccomp_init(def);
    if (!ctx) {
      why = "seccomp_init failed";
    } else {
      Filter f(*api, ctx, def);
      buildAllowlist(f, o.mode, o.helperFd);
      why = f.error();
      if (why.empty() && api->seccomp_attr_set(ctx, scmp::ATTR_CTL_TSYNC, 1) != 0) why = "seccomp: no TSYNC";
      if (why.empty() && api->seccomp_attr_set(ctx, scmp::ATTR_CTL_NNP, 1) != 0) why = "seccomp: cannot set NNP";
      if (why.empty()) {
        int rc = api->seccomp_load(ctx);
        if (rc != 0) why = std::string("seccomp_load: ") + std::strerror(-rc);
      }
      api->seccomp_release(ctx);
    }
  }
  s.seccomp = why.empty();
  if (!s.seccomp) s.notes.push_back("seccomp: " + why);
  if (o.mode == SandboxMode::Cuda) {
    s.notes.push_back("cuda: landlock covers the threads started after the lock-down, not the "
                      "driver's own; system calls off the allowlist fail with EPERM, the dangerous ones trap");
  }
  return s;
}

std::vector<std::string> confineCompilerHelper(const std::string& writable, const std::vector<std::string>& extraRead) {
  std::vector<std::string> notes;
  // No core files; compiled modules and temporaries well under 512 MiB; a compiler that loops on
  // allocation stops at 16 GiB of address space.
  for (auto [which, v] : {std::pair<int, rlim_t>{RLIMIT_CORE, 0}, {RLIMIT_FSIZE, 512ULL << 20}, {RLIMIT_AS, 16ULL << 30}}) {
    std::string e = setLimit(which, v, v);
    if (!e.empty()) notes.push_back("helper rlimits: " + e);
  }
  if (::unshare(CLONE_NEWNET) != 0) {
    std::string why = ::geteuid() != 0 ? ownUserAndNetNamespace() : std::string("unshare: ") + std::strerror(errno);
    if (!why.empty()) notes.push_back("helper netns: " + why);
  }
  // Root keeps its uid (it owns the cache) but no capability: none now, none from any exec
  // (empty bounding set, SECBIT_NOROOT), so the compiler cannot load modules, mount, trace or
  // override file permissions even if a source exploits it.
  if (::geteuid() == 0) {
    if (::prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
                                      SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0) != 0)
      notes.push_back(std::string("helper securebits: ") + std::strerror(errno));
    std::string why = dropCapabilities();
    if (!why.empty()) notes.push_back("helper capabilities: " + why);
  }
  std::vector<ll::Rule> rules;
  ll::addSplit(rules, systemReadPaths(), ll::READ);
  // The toolchain: compilers on PATH under /usr or /bin; g++ is often a link through
  // /etc/alternatives.
  ll::addSplit(rules, {"/bin", "/sbin", "/etc/alternatives"}, ll::READ);
  ll::addSplit(rules, splitColon(std::getenv("DUET_SANDBOX_EXTRA_READ")), ll::READ);
  ll::addSplit(rules, extraRead, ll::READ);
  const std::uint64_t rw = ll::READ | ll::WRITE_FILE | ll::REMOVE_FILE | ll::MAKE_REG | ll::MAKE_DIR | ll::REMOVE_DIR |
                           ll::REFER | ll::TRUNCATE;
  rules.push_back({writable, rw});
  rules.push_back({"/dev/null", ll::READ | ll::WRITE_FILE});
  // Scoped (ABI 6): it may signal only its own compilers, never the daemon or other root processes
  // (it keeps uid 0, and kill(2) needs no capability between processes of one uid).
  std::string e = ll::apply(rules, true, true);
  if (!e.empty()) notes.push_back("helper landlock: " + e);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) notes.push_back(std::string("helper no_new_privs: ") + std::strerror(errno));
  return notes;
}

}  // namespace duet

#endif  // DUET_LINUX
