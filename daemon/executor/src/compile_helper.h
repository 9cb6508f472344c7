// The compiler helper (wall 3, docs/security.md): a process forked from the executor before it
// locks itself down. It keeps the right to run g++, writes the on-disk module cache, and is itself
// confined (no_new_privs, rlimits, its own network namespace, landlock: read the toolchain, write
// only the cache directory). The sandboxed executor sends it a source over a socketpair and gets
// the compiled module back as an open file descriptor (SCM_RIGHTS), which it dlopens through
// /proc/self/fd: the executor needs neither exec nor write access, nor the cache directory's path.
//
// The helper trusts nothing it receives: the executor that talks to it runs untrusted code. It
// checks every request, computes cache keys itself from the source it compiles (a compromised
// executor cannot plant a module under another source's key), chooses compiler flags itself, and
// returns only files from its own cache directory.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace duet {

struct HelperModule {
  enum Status { Ok = 0, NeedSource = 2, CompileError = 3, Internal = 4, TimedOut = 5 };
  Status status = Internal;
  bool gone = false;      // the helper did not answer: it is dead (the executor must restart)
  bool cacheHit = false;  // Ok: found in the cache, not compiled now
  int fd = -1;            // Ok: read-only fd of the module (the caller closes it)
  int exitCode = 0;       // CompileError: the compiler's exit status
  std::string text;       // CompileError/TimedOut: compiler output; Internal: why
};

class CompilerHelper {
 public:
  // Forks the helper. Call before any thread starts. nullptr and *why when it cannot.
  // wantCuda: the helper also sets up a CUDA compiler (NVRTC or nvcc), before it confines itself.
  static std::unique_ptr<CompilerHelper> start(const std::string& cacheDir, bool wantCuda, std::string* why);
  ~CompilerHelper();
  int fd() const { return fd_; }
  int pid() const { return pid_; }
  // What of the helper's own confinement could not be applied ("helper landlock: …"); empty when
  // every part held.
  const std::vector<std::string>& notes() const { return notes_; }

  // The C++ compiler the helper found: "" or why there is none.
  std::string cpuCompiler(std::string& cxx, std::string& version, bool& gcc);
  // The module of a CPU source (by sha256; source may be empty when the daemon sent the hash
  // alone). fresh: drop a cached module first (it did not load).
  HelperModule cpuModule(const std::string& sourceHash, const std::string& source, bool fma, bool fresh);
  // The CUDA compiler the helper set up ("nvrtc 12.4" / "nvcc …"): "" or why there is none.
  std::string cudaCompiler(std::string& version);
  // The CUBIN of a CUDA source for `arch` (sm_XY): as cpuModule.
  HelperModule cudaModule(const std::string& sourceHash, const std::string& source, const std::string& arch, bool fma, bool fresh);

 private:
  CompilerHelper(int fd, int pid) : fd_(fd), pid_(pid) {}
  bool request(unsigned op, unsigned flags, const std::string& a, const std::string& b, HelperModule& out);
  int fd_;
  int pid_;
  std::vector<std::string> notes_;
  std::mutex mu_;
};

// dlopen()s a module fd. The name passed to dlopen is /proc/self/fd/N spelled uniquely per call
// (glibc reuses a loaded object whose name matches, and fd numbers are reused).
void* dlopenFd(int fd, std::string* err);

}  // namespace duet
