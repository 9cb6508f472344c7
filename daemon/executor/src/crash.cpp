#include "crash.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <unistd.h>

#include "json.h"
#include "platform/os.h"
#include "sandbox.h"
#include "thread_pool.h"

namespace duet {

namespace {
int g_fd = 1;
char g_id[512];  // JSON string literal of the current run id, or empty
std::atomic<bool> g_hasId{false};
thread_local volatile sig_atomic_t t_inKernel = 0;

void put(char*& p, const char* end, const char* s) {
  while (*s && p < end) *p++ = *s++;
}
void putHex(char*& p, const char* end, unsigned long v) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v && n < 16);
  put(p, end, "0x");
  while (n && p < end) *p++ = tmp[--n];
}

// The frame (length prefix and header) in one write(2): another thread writing a frame at this
// moment cannot land between the prefix and the header (small socket writes are not split).
void emitFrame(const char* json, unsigned len) {
  char frame[1100];
  if (len > sizeof frame - 4) return;
  frame[0] = static_cast<char>(len);
  frame[1] = static_cast<char>(len >> 8);
  frame[2] = static_cast<char>(len >> 16);
  frame[3] = static_cast<char>(len >> 24);
  for (unsigned i = 0; i < len; i++) frame[4 + i] = json[i];
  ssize_t ignored = ::write(g_fd, frame, len + 4);
  (void)ignored;
}

// The start of an error frame's JSON, with the run's id when one is running (async-signal-safe).
void openErrorFrame(char*& p, const char* end) {
  put(p, end, "{\"type\":\"error\",");
  if (g_hasId.load()) {
    put(p, end, "\"id\":");
    put(p, end, g_id);
    put(p, end, ",");
  }
}

void onCrash(int sig, siginfo_t* info, void*) {
  const char* name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE" : "SIGILL";
  char json[1024] = {};
  char* p = json;
  const char* end = json + sizeof json - 4;
  openErrorFrame(p, end);
  bool kernel = t_inKernel != 0;
  put(p, end, kernel ? "\"code\":\"launch\",\"message\":\"the kernel crashed (" : "\"code\":\"internal\",\"message\":\"the executor crashed (");
  put(p, end, name);
  if (sig == SIGSEGV || sig == SIGBUS) {
    put(p, end, " at ");
    putHex(p, end, reinterpret_cast<unsigned long>(info ? info->si_addr : nullptr));
  }
  put(p, end, kernel ? "; a fiber stack overflow or a translator bug)\",\"fatal\":true,\"payloads\":[]}"
                     : ")\",\"fatal\":true,\"payloads\":[]}");
  emitFrame(json, static_cast<unsigned>(p - json));
  signal(sig, SIG_DFL);
  raise(sig);
}

void putDec(char*& p, const char* end, long v) {
  char tmp[24];
  int n = 0;
  if (v < 0) {
    put(p, end, "-");
    v = -v;
  }
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v && n < 20);
  while (n && p < end) *p++ = tmp[--n];
}

// seccomp's SECCOMP_RET_TRAP (sandbox.cpp): the system call did not run. Report it and exit; the
// daemon starts a fresh executor. A kernel that installs its own SIGSYS handler only gets its
// forbidden calls skipped (and, if it blocks or ignores SIGSYS, the kernel kills the process).
void onSigsys(int, siginfo_t* info, void*) {
#if DUET_LINUX
  long nr = info ? info->si_syscall : -1;  // siginfo_t's seccomp fields are Linux's
#else
  (void)info;
  long nr = -1;  // no seccomp: a SIGSYS here is an invalid system call the kernel itself made
#endif
  const char* name = sandboxSyscallName(nr);
  char json[1024] = {};
  char* p = json;
  const char* end = json + sizeof json - 4;
  openErrorFrame(p, end);
  put(p, end, "\"code\":\"sandbox\",\"message\":\"sandbox violation: ");
  put(p, end, t_inKernel ? "the kernel" : "the executor");
  put(p, end, " made a system call the sandbox forbids (");
  put(p, end, *name ? name : "system call");
  put(p, end, " #");
  putDec(p, end, nr);
  put(p, end, "); the executor stops and the daemon starts a fresh one\",\"fatal\":true,\"syscall\":\"");
  put(p, end, name);
  put(p, end, "\",\"payloads\":[]}");
  emitFrame(json, static_cast<unsigned>(p - json));
  _exit(5);
}
}  // namespace

void installCrashHandlers(int frameFd) {
  g_fd = frameFd;
  installThreadAltStack();
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = onCrash;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) sigaction(sig, &sa, nullptr);
  sa.sa_sigaction = onSigsys;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGSYS, &sa, nullptr);
}

void crashSetRun(const std::string& id) {
  std::string q;
  jsonQuote(id, q);
  g_hasId = false;
  if (q.size() < sizeof g_id) {
    std::memcpy(g_id, q.c_str(), q.size() + 1);
    g_hasId = true;
  }
}

void crashClearRun() { g_hasId = false; }

void crashInKernel(bool inKernel) { t_inKernel = inKernel ? 1 : 0; }

}  // namespace duet
