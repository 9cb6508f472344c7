#include "compile_helper.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpu_backend.h"
#include "cuda_compiler.h"
#include "frame.h"
#include "kernel_cache.h"
#include "log.h"
#include "platform/cloexec.h"
#include "platform/os.h"
#include "platform/parent_death.h"
#include "platform/process_name.h"
#include "sandbox.h"
#include "sha256.h"
#include "subprocess.h"

namespace duet {

namespace {

constexpr unsigned kOpCpuInfo = 1, kOpCpuModule = 2, kOpCudaInfo = 3, kOpCudaModule = 4;
constexpr unsigned kFlagFma = 1, kFlagFresh = 2;
constexpr std::uint32_t kMaxPart = 64u << 20;  // a source over 64 MiB is refused

struct ReqHeader {
  std::uint32_t op, flags, lenA, lenB;
};
struct ReplyHeader {
  std::uint32_t status, cacheHit, exitCode, textLen;
};

bool readExact(int fd, void* p, std::size_t n) {
  auto* c = static_cast<char*>(p);
  while (n) {
    ssize_t r = ::read(fd, c, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    c += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

bool isHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Header (and the fd, if any) in one sendmsg, then the text.
bool sendReply(int sock, const HelperModule& m) {
  ReplyHeader h{static_cast<std::uint32_t>(m.status), m.cacheHit ? 1u : 0u, static_cast<std::uint32_t>(m.exitCode),
                static_cast<std::uint32_t>(m.text.size())};
  struct iovec iov = {&h, sizeof h};
  struct msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(struct cmsghdr) char cbuf[CMSG_SPACE(sizeof(int))] = {};
  if (m.fd >= 0) {
    msg.msg_control = cbuf;
    msg.msg_controllen = sizeof cbuf;
    struct cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &m.fd, sizeof(int));
  }
  ssize_t r;
  do r = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
  while (r < 0 && errno == EINTR);
  if (r != static_cast<ssize_t>(sizeof h)) return false;
  return m.text.empty() || writeAll(sock, m.text.data(), m.text.size());
}

// ---- the helper process ----

// The module handed to the executor: a sealed memfd copy of the cached file, so the executor needs
// no access to the cache directory at all (landlock lets any process open a memfd through
// /proc/self/fd). A kernel that forbids executable memfds (vm.memfd_noexec) gets the file's fd.
int moduleFd(const std::string& path) {
  int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file < 0) return -1;
  std::string bytes;
  if (!readFile(path, bytes) || bytes.empty()) return file;
#if !DUET_LINUX
  return file;  // no memfd_create: the cached file itself (no landlock to keep it out of, either)
#else
  constexpr unsigned kMfdCloexec = 1, kMfdAllowSealing = 2, kMfdExec = 0x10;
  int mfd = static_cast<int>(::syscall(SYS_memfd_create, "duet-module", kMfdCloexec | kMfdAllowSealing | kMfdExec));
  if (mfd < 0 && errno == EINVAL) mfd = static_cast<int>(::syscall(SYS_memfd_create, "duet-module", kMfdCloexec | kMfdAllowSealing));
  if (mfd < 0) return file;
  if (!writeAll(mfd, bytes.data(), bytes.size()) ||
      ::fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    ::close(mfd);
    return file;
  }
  ::close(file);
  ::lseek(mfd, 0, SEEK_SET);  // the executor shares this file offset
  return mfd;
#endif
}

struct HelperState {
  std::string cacheDir, cpuDir, cudaDir, tmpDir;
  CpuCompiler cc;
  std::string ccWhy;
  std::unique_ptr<CudaCompiler> cuda;
  std::string cudaWhy = "the executor did not ask for a CUDA compiler";
};

bool isArch(const std::string& a) {
  if (a.size() < 5 || a.size() > 8 || a.compare(0, 3, "sm_") != 0) return false;
  for (std::size_t i = 3; i < a.size(); i++)
    if (!((a[i] >= '0' && a[i] <= '9') || (i + 1 == a.size() && a[i] >= 'a' && a[i] <= 'z'))) return false;
  return true;
}

// Sends back a cached file (as moduleFd does) or compiles `source` with `compile`, stores the
// result in the cache under a key computed here, and sends that.
template <typename CompileFn>
HelperModule cachedOrCompiled(const std::string& path, unsigned flags, const std::string& source, CompileFn compile);

HelperModule cpuInfo(HelperState& st) {
  HelperModule m;
  if (!st.ccWhy.empty()) {
    m.text = st.ccWhy;
    return m;
  }
  m.status = HelperModule::Ok;
  m.text = st.cc.cxx + "\n" + st.cc.version + "\n" + (st.cc.gcc ? "1" : "0");
  return m;
}

HelperModule cpuModule(HelperState& st, unsigned flags, const std::string& hash, const std::string& source) {
  HelperModule m;
  if (!st.ccWhy.empty()) {
    m.text = st.ccWhy;
    return m;
  }
  if (!isHex64(hash)) {
    m.text = "compiler helper: malformed source hash";
    return m;
  }
  if (!source.empty() && sha256Hex(source) != hash) {
    m.text = "compiler helper: the source does not match its hash";
    return m;
  }
  std::vector<std::string> ccFlags = st.cc.flags((flags & kFlagFma) != 0);
  std::string flagText;
  for (const auto& f : ccFlags) flagText += f + " ";
  const std::string key = cacheKey({"duet-cpu-v2", hash, flagText, st.cc.version});
  const std::string so = st.cpuDir + "/" + key + ".so";
  if (flags & kFlagFresh) ::unlink(so.c_str());
  if (fileExists(so)) {
    m.fd = moduleFd(so);
    if (m.fd >= 0) {
      m.status = HelperModule::Ok;
      m.cacheHit = true;
      return m;
    }
  }
  if (source.empty()) {
    m.status = HelperModule::NeedSource;
    return m;
  }
  const std::string src = st.cpuDir + "/" + key + ".cpp";
  if (!writeFileAtomic(src, source.data(), source.size())) {
    m.text = "cannot write " + src + ": " + std::strerror(errno);
    return m;
  }
  const std::string tmp = st.cpuDir + "/" + key + ".tmp." + std::to_string(::getpid()) + ".so";
  std::vector<std::string> argv = {st.cc.cxx};
  argv.insert(argv.end(), ccFlags.begin(), ccFlags.end());
  argv.insert(argv.end(), {"-o", tmp, src});
  ProcessResult r = runProcess(argv, 180000);
  if (!r.started) {
    m.text = "cannot run the C++ compiler: " + r.error;
    return m;
  }
  if (r.timedOut || r.exitCode != 0) {
    ::unlink(tmp.c_str());
    m.status = r.timedOut ? HelperModule::TimedOut : HelperModule::CompileError;
    m.exitCode = r.exitCode;
    m.text = r.output;
    return m;
  }
  if (::rename(tmp.c_str(), so.c_str()) != 0) {
    m.text = std::string("cannot move the compiled module into the cache: ") + std::strerror(errno);
    ::unlink(tmp.c_str());
    return m;
  }
  m.fd = moduleFd(so);
  if (m.fd < 0) {
    m.text = std::string("cannot open the compiled module: ") + std::strerror(errno);
    return m;
  }
  m.status = HelperModule::Ok;
  m.text = r.output;  // warnings (the flags have -w: usually empty)
  return m;
}

template <typename CompileFn>
HelperModule cachedOrCompiled(const std::string& path, unsigned flags, const std::string& source, CompileFn compile) {
  HelperModule m;
  if (flags & kFlagFresh) ::unlink(path.c_str());
  if (fileExists(path) && (m.fd = moduleFd(path)) >= 0) {
    m.status = HelperModule::Ok;
    m.cacheHit = true;
    return m;
  }
  if (source.empty()) {
    m.status = HelperModule::NeedSource;
    return m;
  }
  std::string bytes;
  m = compile(bytes);
  if (m.status != HelperModule::Ok) return m;
  if (!writeFileAtomic(path, bytes.data(), bytes.size())) {
    m.status = HelperModule::Internal;
    m.text = "cannot write " + path + ": " + std::strerror(errno);
    return m;
  }
  m.fd = moduleFd(path);
  if (m.fd < 0) {
    m.status = HelperModule::Internal;
    m.text = std::string("cannot open the compiled module: ") + std::strerror(errno);
  }
  return m;
}

HelperModule cudaModule(HelperState& st, unsigned flags, const std::string& hash, const std::string& source, const std::string& arch) {
  HelperModule m;
  if (!st.cuda) {
    m.text = st.cudaWhy;
    return m;
  }
  if (!isHex64(hash) || !isArch(arch)) {
    m.text = "compiler helper: malformed source hash or architecture";
    return m;
  }
  if (!source.empty() && sha256Hex(source) != hash) {
    m.text = "compiler helper: the source does not match its hash";
    return m;
  }
  const bool fma = (flags & kFlagFma) != 0;
  std::string opts;
  for (const auto& o : st.cuda->options(arch, fma)) opts += o + " ";
  const std::string key = cacheKey({"duet-cuda-v2", hash, opts, st.cuda->version(), arch});
  return cachedOrCompiled(st.cudaDir + "/" + key + ".cubin", flags, source, [&](std::string& bytes) {
    HelperModule r;
    CudaCompileResult c = st.cuda->compile(source, arch, fma, st.tmpDir);
    r.text = c.log;
    if (!c.ok || c.cubin.size() <= 4) {
      r.status = HelperModule::CompileError;
      return r;
    }
    bytes = std::move(c.cubin);
    r.status = HelperModule::Ok;
    return r;
  });
}

[[noreturn]] void serve(int sock, const std::string& cacheDir, bool wantCuda, pid_t executor) {
  platform::dieWithParent(executor);  // gone with the executor
  platform::setThreadName("duet-compiler");
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGSYS, SIGPIPE}) ::signal(sig, SIG_DFL);
  ::signal(SIGPIPE, SIG_IGN);
  // Never the executor's frames: stdin and stdout go to /dev/null; stderr stays (logs).
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull >= 0) {
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::close(devnull);
  }
  HelperState st;
  st.cacheDir = cacheDir;
  st.cpuDir = cacheDir + "/cpu";
  st.tmpDir = cacheDir + "/tmp";
  std::string why = makeDirs(st.cpuDir);
  if (why.empty()) why = makeDirs(st.tmpDir);
  // The compiler's temporaries go to the cache's tmp/ (the only place it may write).
  ::setenv("TMPDIR", st.tmpDir.c_str(), 1);
  st.ccWhy = why.empty() ? st.cc.detect() : "cache directory: " + why;
  std::vector<std::string> extra;
  auto installOf = [&](const std::string& file, int up) {
    // A tool or library outside /usr (DUET_CXX=/opt/…/g++, CUDA_HOME=/opt/cuda): its installation
    // may be read.
    char* real = ::realpath(file.c_str(), nullptr);
    if (!real) return;
    std::string dir = real;
    std::free(real);
    for (int i = 0; i < up && dir.rfind('/') != std::string::npos; i++) dir = dir.substr(0, dir.rfind('/'));
    if (!dir.empty()) extra.push_back(dir);
  };
  if (wantCuda) {
    st.cudaDir = cacheDir + "/cuda";
    std::string dirWhy = makeDirs(st.cudaDir);
    st.cuda = std::make_unique<CudaCompiler>();
    st.cudaWhy = dirWhy.empty() ? st.cuda->init(std::getenv("DUET_NO_NVRTC") == nullptr) : "cache directory: " + dirWhy;
    if (!st.cudaWhy.empty()) st.cuda.reset();
    // NVRTC reads headers (and may load its builtins library) when it compiles, after the helper
    // is confined; nvcc runs a whole toolkit.
    for (auto [env, up] : {std::pair<const char*, int>{"CUDA_HOME", 0}, {"CUDA_PATH", 0}, {"DUET_NVRTC", 1}, {"DUET_NVCC", 2}}) {
      if (const char* v = std::getenv(env); v && *v) installOf(v, up);
    }
    if (const char* fb = std::getenv("DUET_NVRTC_FALLBACK"); fb && *fb) {
      std::string all = fb;
      for (std::size_t at = 0; at <= all.size();) {
        std::size_t colon = all.find(':', at);
        if (colon == std::string::npos) colon = all.size();
        if (colon > at) installOf(all.substr(at, colon - at), 1);
        at = colon + 1;
      }
    }
    if (st.cuda && !st.cuda->usesNvrtc()) installOf(findNvcc(), 2);
  }
  if (!st.cc.cxx.empty()) installOf(st.cc.cxx, 2);
  // First message: what of its own confinement failed (one line each; empty when all held), so
  // the executor's `ready` frame can say so.
  std::string notes;
  for (const auto& n : confineCompilerHelper(cacheDir, extra)) notes += (notes.empty() ? "" : "\n") + n;
  std::uint32_t len = static_cast<std::uint32_t>(notes.size());
  if (!writeAll(sock, &len, sizeof len) || !writeAll(sock, notes.data(), notes.size())) std::_Exit(0);

  for (;;) {
    ReqHeader h;
    if (!readExact(sock, &h, sizeof h)) std::_Exit(0);  // the executor is gone
    if (h.lenA > kMaxPart || h.lenB > kMaxPart) std::_Exit(2);
    std::string a(h.lenA, '\0'), b(h.lenB, '\0');
    if ((h.lenA && !readExact(sock, &a[0], h.lenA)) || (h.lenB && !readExact(sock, &b[0], h.lenB))) std::_Exit(0);
    HelperModule m;
    if (h.op == kOpCpuInfo) m = cpuInfo(st);
    else if (h.op == kOpCpuModule) m = cpuModule(st, h.flags, a, b);
    else if (h.op == kOpCudaInfo) {
      m.text = st.cuda ? st.cuda->version() : st.cudaWhy;
      if (st.cuda) m.status = HelperModule::Ok;
    } else if (h.op == kOpCudaModule) {
      // a: "<hash> <arch>"
      std::size_t sp = a.find(' ');
      m = cudaModule(st, h.flags, a.substr(0, sp), b, sp == std::string::npos ? "" : a.substr(sp + 1));
    }
    else m.text = "compiler helper: unknown request";
    bool ok = sendReply(sock, m);
    if (m.fd >= 0) ::close(m.fd);
    if (!ok) std::_Exit(0);
  }
}

}  // namespace

std::unique_ptr<CompilerHelper> CompilerHelper::start(const std::string& cacheDir, bool wantCuda, std::string* why) {
  int sv[2];
  if (platform::unixSocketPairCloexec(sv) != 0) {
    if (why) *why = std::string("socketpair: ") + std::strerror(errno);
    return nullptr;
  }
  const pid_t executor = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    if (why) *why = std::string("fork: ") + std::strerror(errno);
    ::close(sv[0]);
    ::close(sv[1]);
    return nullptr;
  }
  if (pid == 0) {
    ::close(sv[0]);
    serve(sv[1], cacheDir, wantCuda, executor);
  }
  ::close(sv[1]);
  std::unique_ptr<CompilerHelper> helper(new CompilerHelper(sv[0], pid));
  std::uint32_t len = 0;
  if (!readExact(sv[0], &len, sizeof len) || len > 65536) {
    if (why) *why = "the compiler helper did not start";
    return nullptr;
  }
  std::string notes(len, '\0');
  if (len && !readExact(sv[0], &notes[0], len)) {
    if (why) *why = "the compiler helper did not start";
    return nullptr;
  }
  for (std::size_t at = 0; at < notes.size();) {
    std::size_t nl = notes.find('\n', at);
    if (nl == std::string::npos) nl = notes.size();
    helper->notes_.push_back(notes.substr(at, nl - at));
    at = nl + 1;
  }
  return helper;
}

CompilerHelper::~CompilerHelper() {
  ::close(fd_);  // the helper sees EOF and exits
}

bool CompilerHelper::request(unsigned op, unsigned flags, const std::string& a, const std::string& b, HelperModule& out) {
  std::lock_guard<std::mutex> lock(mu_);
  ReqHeader h{op, flags, static_cast<std::uint32_t>(a.size()), static_cast<std::uint32_t>(b.size())};
  if (a.size() > kMaxPart || b.size() > kMaxPart) {
    out.text = "the source is larger than 64 MiB";
    return false;
  }
  if (!writeAll(fd_, &h, sizeof h) || !writeAll(fd_, a.data(), a.size()) || !writeAll(fd_, b.data(), b.size())) {
    out.text = "the compiler helper is gone";
    return false;
  }
  ReplyHeader r{};
  struct iovec iov = {&r, sizeof r};
  struct msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(struct cmsghdr) char cbuf[CMSG_SPACE(sizeof(int))] = {};
  msg.msg_control = cbuf;
  msg.msg_controllen = sizeof cbuf;
  ssize_t n;
  do n = platform::recvmsgCloexec(fd_, &msg, MSG_WAITALL);
  while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(sizeof r)) {
    out.text = "the compiler helper is gone";
    return false;
  }
  for (struct cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) std::memcpy(&out.fd, CMSG_DATA(c), sizeof(int));
  }
  out.status = static_cast<HelperModule::Status>(r.status);
  out.cacheHit = r.cacheHit != 0;
  out.exitCode = static_cast<int>(r.exitCode);
  if (r.textLen > kMaxPart) return false;
  out.text.assign(r.textLen, '\0');
  if (r.textLen && !readExact(fd_, &out.text[0], r.textLen)) {
    out.text = "the compiler helper is gone";
    return false;
  }
  return true;
}

std::string CompilerHelper::cpuCompiler(std::string& cxx, std::string& version, bool& gcc) {
  HelperModule m;
  if (!request(kOpCpuInfo, 0, "", "", m)) return m.text;
  if (m.status != HelperModule::Ok) return m.text;
  std::size_t a = m.text.find('\n'), b = m.text.rfind('\n');
  if (a == std::string::npos || b == a) return "compiler helper: malformed answer";
  cxx = m.text.substr(0, a);
  version = m.text.substr(a + 1, b - a - 1);
  gcc = m.text.substr(b + 1) == "1";
  return "";
}

HelperModule CompilerHelper::cpuModule(const std::string& sourceHash, const std::string& source, bool fma, bool fresh) {
  HelperModule m;
  if (!request(kOpCpuModule, (fma ? kFlagFma : 0) | (fresh ? kFlagFresh : 0), sourceHash, source, m)) {
    m.status = HelperModule::Internal;
    m.gone = true;
  }
  return m;
}

std::string CompilerHelper::cudaCompiler(std::string& version) {
  HelperModule m;
  if (!request(kOpCudaInfo, 0, "", "", m) || m.status != HelperModule::Ok) return m.text.empty() ? "no CUDA compiler" : m.text;
  version = m.text;
  return "";
}

HelperModule CompilerHelper::cudaModule(const std::string& sourceHash, const std::string& source, const std::string& arch, bool fma, bool fresh) {
  HelperModule m;
  if (!request(kOpCudaModule, (fma ? kFlagFma : 0) | (fresh ? kFlagFresh : 0), sourceHash + " " + arch, source, m)) {
    m.status = HelperModule::Internal;
    m.gone = true;
  }
  return m;
}

void* dlopenFd(int fd, std::string* err) {
  static std::atomic<unsigned long long> counter{0};
#if DUET_LINUX
  std::string path = "/proc";
  const char* rest = "/self/fd/";
#else
  std::string path = "/dev";  // fdescfs on macOS (and Linux's /dev/fd link to /proc/self/fd)
  const char* rest = "/fd/";
#endif
  for (unsigned long long v = ++counter; v; v >>= 1) path += (v & 1) ? "/." : "//";
  path += rest + std::to_string(fd);
  void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h && err) {
    const char* e = dlerror();
    *err = e ? e : "dlopen failed";
  }
  return h;
}

}  // namespace duet
