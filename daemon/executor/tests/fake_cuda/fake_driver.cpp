// A test double of libcuda.so.1 for the executor's CUDA backend on machines without an NVIDIA GPU
// (CI, this project's development VM). Built by daemon/executor/fake-cuda.ts and loaded by
// `duet-executor --backend cuda` through DUET_LIBCUDA, so the backend's host code — context, pinned
// staging, uploads, ping-pong passes, events, downloads, abort, sticky faults — runs for real
// against it. It is strict where the real driver is and where the executor could get it wrong:
//
// - Stream work is lazy: an async copy, memset or launch runs only when the host synchronizes
//   with it (cuEventSynchronize, cuStreamSynchronize, cuCtxSynchronize, cuMemFree), which is the
//   latest a real GPU may run it. Reading a result or reusing a staging buffer before
//   synchronizing shows up as wrong data, not as a timing-dependent flake.
// - The legacy NULL stream does not order with CU_STREAM_NON_BLOCKING streams (CUDA Driver API,
//   "Stream synchronization behavior"): work issued there runs only when synchronized with.
// - Device memory starts as garbage (0xCD), as cuMemAlloc's does not start zeroed; every copy and
//   launch argument must lie inside a live allocation (CUDA_ERROR_INVALID_VALUE otherwise).
// - A freed block keeps its bytes and is handed out again by the next cuMemAlloc of the same size,
//   as a real context reuses device memory: a run that read a buffer before writing or zeroing it
//   would see the previous run's data.
// - FAKE_CUDA_FAULT_CODE sets the error the faulting fixture kernel returns (default
//   CUDA_ERROR_ILLEGAL_ADDRESS), to model faults the executor's list of sticky codes does not name.
// - cuEventElapsedTime on an event that has not completed is CUDA_ERROR_NOT_READY.
// - A faulting kernel makes the context unusable: every later call returns the same error.
//
// It does not run CUBIN. It knows the fixture kernels of daemon/executor/testdata/kernels.cu by
// name and runs their semantics in C++ (the same ones the .cu file states); any other kernel is a
// no-op whose launch is still checked (its DuetParams too when its name starts with duet_; others,
// such as the bench's hand-written kernels, take parameters the fake cannot know). Stream operations
// go to $FAKE_CUDA_LOG when set.
#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;

// CUresult values (cuda.h, enum cudaError_enum).
constexpr CUresult kSuccess = 0, kInvalidValue = 1, kOutOfMemory = 2, kNotInitialized = 3, kNoDevice = 100,
                   kInvalidDevice = 101, kInvalidImage = 200, kInvalidContext = 201, kNoBinaryForGpu = 209,
                   kInvalidHandle = 400, kNotFound = 500, kNotReady = 600, kIllegalAddress = 700;

constexpr int kMaxSlots = 64;  // DUET_MAX_SLOTS (contracts §3)
struct DuetParams {
  unsigned char* slot[kMaxSlots];
  unsigned long long slotBytes[kMaxSlots];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};

struct Stream;
struct Event {
  bool recorded = false, done = false;
  Stream* stream = nullptr;  // where the latest record was queued
  unsigned generation = 0;
  std::chrono::steady_clock::time_point at;
};
struct Op {
  std::string what;
  std::function<CUresult()> run;
};
struct Stream {
  bool nonBlocking = false;
  std::deque<Op> ops;
};
struct Module {
  std::map<std::string, unsigned> kernels;  // name → largest block (__launch_bounds__, else 1024)
};
struct Function {
  Module* module;
  std::string name;
  unsigned maxThreads;
};
struct Context {
  int dummy = 0;
};

struct State {
  std::recursive_mutex mu;
  bool initialized = false;
  CUresult lost = kSuccess;  // sticky error: the context is unusable
  Context primary;
  int retains = 0;
  std::map<std::uintptr_t, std::size_t> device;  // live cuMemAlloc blocks
  std::multimap<std::size_t, std::uintptr_t> freed;  // freed blocks by size, contents kept
  std::size_t freedBytes = 0;
  std::map<std::uintptr_t, std::size_t> pinned;  // live cuMemHostAlloc blocks
  std::set<std::uintptr_t> mapped;               // pinned blocks allocated with DEVICEMAP
  std::size_t deviceBytes = 0;
  std::size_t totalBytes = std::size_t{1} << 30;
  Stream legacy;  // the NULL stream
  std::set<Stream*> streams;
  std::set<Event*> events;
  std::set<Module*> modules;
  FILE* log = nullptr;
};
State& st() {
  static State* s = new State();  // never destroyed: the executor leaves with _Exit
  return *s;
}
thread_local Context* current = nullptr;

void logf(const char* fmt, ...) {
  State& s = st();
  if (!s.log) return;
  va_list ap;
  va_start(ap, fmt);
  std::vfprintf(s.log, fmt, ap);
  va_end(ap);
  std::fputc('\n', s.log);
  std::fflush(s.log);
}

CUresult ready() {
  State& s = st();
  if (!s.initialized) return kNotInitialized;
  if (s.lost) return s.lost;
  if (current != &s.primary) return kInvalidContext;
  return kSuccess;
}

// [p, p+n) inside one live block of `blocks`.
bool inside(const std::map<std::uintptr_t, std::size_t>& blocks, std::uintptr_t p, std::size_t n) {
  auto it = blocks.upper_bound(p);
  if (it == blocks.begin()) return false;
  --it;
  return p >= it->first && p + n <= it->first + it->second;
}
bool isPinned(const void* p, std::size_t n) { return inside(st().pinned, reinterpret_cast<std::uintptr_t>(p), n); }
bool isDevice(CUdeviceptr p, std::size_t n) { return inside(st().device, static_cast<std::uintptr_t>(p), n); }

CUresult invalid(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  std::fprintf(stderr, "fake-cuda: %s\n", buf);
  logf("INVALID %s", buf);
  return kInvalidValue;
}

Stream* streamOf(void* handle) { return handle ? static_cast<Stream*>(handle) : &st().legacy; }

// Runs the oldest queued operation of `s`. A failing one loses the context (as a kernel fault does
// on a GPU) and drops all queued work.
CUresult runOne(Stream* s) {
  State& g = st();
  Op op = std::move(s->ops.front());
  s->ops.pop_front();
  CUresult r = op.run();
  if (r != kSuccess) {
    g.lost = r;
    g.legacy.ops.clear();
    for (Stream* o : g.streams) o->ops.clear();
    logf("FAULT %s -> %d", op.what.c_str(), r);
  }
  return r;
}
CUresult drain(Stream* s) {
  while (!s->ops.empty())
    if (CUresult r = runOne(s)) return r;
  return kSuccess;
}
CUresult drainAll() {
  State& g = st();
  if (CUresult r = drain(&g.legacy)) return r;
  for (Stream* s : g.streams)
    if (CUresult r = drain(s)) return r;
  return kSuccess;
}

void enqueue(Stream* s, std::string what, std::function<CUresult()> run) {
  logf("%s", what.c_str());
  s->ops.push_back({std::move(what), std::move(run)});
}

// ---- the fixture kernels (testdata/kernels.cu), by name ----------------------------------------
struct Launch {
  unsigned grid[3], block[3];
  DuetParams p;
  CUdeviceptr healthOut = 0;
};

unsigned clampIndex(unsigned i, unsigned long long bytes, unsigned stride) {
  unsigned long long n = bytes / stride;
  return n == 0 ? 0u : (i < n ? i : static_cast<unsigned>(n - 1));
}
float loadF32(const unsigned char* base, unsigned i) {
  float v;
  std::memcpy(&v, base + 4ull * i, 4);
  return v;
}
void storeF32(unsigned char* base, unsigned i, float v) { std::memcpy(base + 4ull * i, &v, 4); }

CUresult runKernel(const std::string& name, const Launch& l) {
  const DuetParams& p = l.p;
  const unsigned threads = l.grid[0] * l.block[0];
  if (name == "duet_health") {
    auto* out = reinterpret_cast<unsigned*>(static_cast<std::uintptr_t>(l.healthOut));
    for (unsigned i = 0; i < l.block[0]; i++) out[i] = i * 3u + 1u;
  } else if (name == "duet_k_fixture_saxpy") {  // y[i] = params.a * x[i] + y[i] for i < params.n
    unsigned n;
    float a;
    std::memcpy(&n, p.slot[0], 4);
    std::memcpy(&a, p.slot[0] + 4, 4);
    for (unsigned i = 0; i < threads && i < n; i++) {
      float x = loadF32(p.slot[1], clampIndex(i, p.slotBytes[1], 4));
      unsigned yi = clampIndex(i, p.slotBytes[2], 4);
      storeF32(p.slot[2], yi, a * x + loadF32(p.slot[2], yi));
    }
  } else if (name == "duet_k_fixture_step") {  // dst[i] = src[i] + u.k
    float k;
    std::memcpy(&k, p.slot[3], 4);
    for (unsigned i = 0; i < threads && i < p.slotBytes[5] / 4; i++)
      storeF32(p.slot[5], i, loadF32(p.slot[4], clampIndex(i, p.slotBytes[4], 4)) + k);
  } else if (name == "duet_k_fixture_spin") {  // loop {} polling the abort flag
    volatile unsigned* control = p.control;
    auto until = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (!__atomic_load_n(&control[0], __ATOMIC_SEQ_CST)) {
      if (std::chrono::steady_clock::now() > until) return kIllegalAddress;  // never hang a test run
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    __atomic_fetch_or(&control[1], 2u, __ATOMIC_SEQ_CST);  // DUET_STATUS_ABORTED
  } else if (name == "duet_k_fixture_guard") {  // a loop that hit DUET_LOOP_GUARD_ITERATIONS
    __atomic_fetch_or(&p.control[1], 1u, __ATOMIC_SEQ_CST);
  } else if (name == "duet_k_fixture_refuse") {  // bindings smaller than their types: DUET_STATUS_BINDING
    __atomic_fetch_or(&p.control[1], 8u, __ATOMIC_SEQ_CST);
  } else if (name == "duet_k_fixture_fault") {  // writes through an unbound slot
    const char* code = std::getenv("FAKE_CUDA_FAULT_CODE");
    return code && *code ? std::atoi(code) : kIllegalAddress;
  }
  return kSuccess;
}

// CUDA ELF (EM_CUDA = 190): its size from the header (the section headers end the file), kernel
// names from the NUL-separated strings that look like the ABI's symbols.
bool elfKernels(const unsigned char* img, Module& m) {
  if (std::memcmp(img, "\x7f" "ELF", 4) != 0 || img[4] != 2) return false;
  std::uint16_t machine, shentsize, shnum;
  std::uint64_t shoff;
  std::memcpy(&machine, img + 0x12, 2);
  std::memcpy(&shoff, img + 0x28, 8);
  std::memcpy(&shentsize, img + 0x3A, 2);
  std::memcpy(&shnum, img + 0x3C, 2);
  if (machine != 190) return false;
  std::size_t size = static_cast<std::size_t>(shoff) + std::size_t{shentsize} * shnum;
  std::string word;
  for (std::size_t i = 0; i < size; i++) {
    char c = static_cast<char>(img[i]);
    if (c == '\0') {
      if (word.rfind("duet_", 0) == 0 && word.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos)
        m.kernels.emplace(word, 1024u);
      word.clear();
    } else {
      word += c;
      if (word.size() > 256) word.clear();
    }
  }
  return true;
}

// The fake NVRTC's image: "DUET-FAKE-CUBIN arch=sm_90\nkernel <name> <largest block>\n…".
CUresult fakeKernels(const char* text, Module& m) {
  const char* magic = "DUET-FAKE-CUBIN arch=";
  if (std::strncmp(text, magic, std::strlen(magic)) != 0) return kInvalidImage;
  if (std::strncmp(text + std::strlen(magic), "sm_90\n", 6) != 0) return kNoBinaryForGpu;
  for (const char* line = std::strchr(text, '\n'); line && line[1]; line = std::strchr(line + 1, '\n')) {
    const char* end = std::strchr(line + 1, '\n');
    std::string l(line + 1, end ? static_cast<std::size_t>(end - line - 1) : std::strlen(line + 1));
    if (l.rfind("kernel ", 0) != 0) continue;
    std::size_t space = l.find(' ', 7);
    unsigned bound = space == std::string::npos ? 1024u : static_cast<unsigned>(std::strtoul(l.c_str() + space + 1, nullptr, 10));
    m.kernels.emplace(l.substr(7, space == std::string::npos ? std::string::npos : space - 7), bound);
  }
  return kSuccess;
}

}  // namespace

#define API extern "C" __attribute__((visibility("default"))) CUresult
#define LOCK std::lock_guard<std::recursive_mutex> lock_(st().mu)
#define READY                         \
  if (CUresult r_ = ready()) return r_

API cuInit(unsigned flags) {
  LOCK;
  if (flags != 0) return kInvalidValue;
  if (const char* path = std::getenv("FAKE_CUDA_LOG"); path && *path && !st().log) st().log = std::fopen(path, "a");
  if (const char* m = std::getenv("FAKE_CUDA_MEMORY_BYTES"); m && *m) st().totalBytes = std::strtoull(m, nullptr, 10);
  st().initialized = true;
  return kSuccess;
}
API cuDriverGetVersion(int* v) {
  *v = 13000;
  return kSuccess;
}
API cuDeviceGetCount(int* n) {
  LOCK;
  if (!st().initialized) return kNotInitialized;
  const char* e = std::getenv("FAKE_CUDA_DEVICES");
  *n = e && *e ? std::atoi(e) : 1;
  return kSuccess;
}
API cuDeviceGet(CUdevice* d, int ordinal) {
  if (ordinal != 0) return kInvalidDevice;
  *d = 0;
  return kSuccess;
}
API cuDeviceGetName(char* name, int len, CUdevice) {
  std::snprintf(name, static_cast<std::size_t>(len), "%s", "Duet fake CUDA device (test double)");
  return kSuccess;
}
API cuDeviceGetAttribute(int* v, int attr, CUdevice) {
  switch (attr) {
    case 1: *v = 1024; break;           // MAX_THREADS_PER_BLOCK
    case 13: *v = 1980000; break;       // CLOCK_RATE (kHz)
    case 16: *v = 132; break;           // MULTIPROCESSOR_COUNT
    case 19: *v = 1; break;             // CAN_MAP_HOST_MEMORY
    case 36: *v = 2619000; break;       // MEMORY_CLOCK_RATE (kHz)
    case 37: *v = 5120; break;          // GLOBAL_MEMORY_BUS_WIDTH
    case 38: *v = 8 << 20; break;       // L2_CACHE_SIZE (small: the flush buffer is twice this)
    case 75: *v = 9; break;             // COMPUTE_CAPABILITY_MAJOR
    case 76: *v = 0; break;             // COMPUTE_CAPABILITY_MINOR
    default: *v = 0;
  }
  return kSuccess;
}
API cuDeviceTotalMem_v2(std::size_t* bytes, CUdevice) {
  *bytes = st().totalBytes;
  return kSuccess;
}
API cuDeviceGetPCIBusId(char* bus, int len, CUdevice) {
  std::snprintf(bus, static_cast<std::size_t>(len), "%s", "0000:01:00.0");
  return kSuccess;
}
API cuDevicePrimaryCtxRetain(void** ctx, CUdevice) {
  LOCK;
  if (!st().initialized) return kNotInitialized;
  st().retains++;
  *ctx = &st().primary;
  return kSuccess;
}
API cuDevicePrimaryCtxRelease_v2(CUdevice) {
  LOCK;
  st().retains--;
  return kSuccess;
}
API cuCtxSetCurrent(void* ctx) {
  LOCK;
  if (ctx && ctx != &st().primary) return kInvalidContext;
  current = static_cast<Context*>(ctx);
  return st().lost;
}
API cuCtxSynchronize() {
  LOCK;
  READY;
  return drainAll();
}
API cuMemGetInfo_v2(std::size_t* freeBytes, std::size_t* total) {
  LOCK;
  READY;
  *total = st().totalBytes;
  *freeBytes = st().totalBytes - st().deviceBytes;
  return kSuccess;
}
API cuMemAlloc_v2(CUdeviceptr* p, std::size_t bytes) {
  LOCK;
  READY;
  State& g = st();
  if (bytes == 0) return kInvalidValue;
  if (bytes > g.totalBytes - g.deviceBytes) return kOutOfMemory;
  void* m = nullptr;
  bool reused = false;
  if (auto f = g.freed.find(bytes); f != g.freed.end()) {  // reused as it was left, not cleared
    m = reinterpret_cast<void*>(f->second);
    g.freedBytes -= bytes;
    g.freed.erase(f);
    reused = true;
  } else {
    m = std::malloc(bytes);
    if (!m) return kOutOfMemory;
    std::memset(m, 0xCD, bytes);  // not zeroed, as on a GPU
  }
  g.device[reinterpret_cast<std::uintptr_t>(m)] = bytes;
  g.deviceBytes += bytes;
  *p = reinterpret_cast<std::uintptr_t>(m);
  logf("alloc %zu%s", bytes, reused ? " reused" : "");
  return kSuccess;
}
API cuMemFree_v2(CUdeviceptr p) {
  LOCK;
  READY;
  State& g = st();
  auto it = g.device.find(static_cast<std::uintptr_t>(p));
  if (it == g.device.end()) return invalid("cuMemFree of %#llx, not an allocation", p);
  if (CUresult r = drainAll()) return r;  // cuMemFree waits for work that may use the block
  g.deviceBytes -= it->second;
  logf("free %zu", it->second);
  if (g.freedBytes + it->second <= (std::size_t{512} << 20)) {
    g.freed.emplace(it->second, it->first);
    g.freedBytes += it->second;
  } else {
    std::free(reinterpret_cast<void*>(it->first));
  }
  g.device.erase(it);
  return kSuccess;
}
API cuMemHostAlloc(void** p, std::size_t bytes, unsigned flags) {
  LOCK;
  READY;
  if (bytes == 0) return kInvalidValue;
  void* m = std::malloc(bytes);
  if (!m) return kOutOfMemory;
  std::memset(m, 0xAB, bytes);
  st().pinned[reinterpret_cast<std::uintptr_t>(m)] = bytes;
  if (flags & 0x02) st().mapped.insert(reinterpret_cast<std::uintptr_t>(m));  // CU_MEMHOSTALLOC_DEVICEMAP
  *p = m;
  return kSuccess;
}
API cuMemFreeHost(void* p) {
  LOCK;
  READY;
  auto it = st().pinned.find(reinterpret_cast<std::uintptr_t>(p));
  if (it == st().pinned.end()) return invalid("cuMemFreeHost of %p, not a cuMemHostAlloc block", p);
  if (CUresult r = drainAll()) return r;
  st().pinned.erase(it);
  st().mapped.erase(reinterpret_cast<std::uintptr_t>(p));
  std::free(p);
  return kSuccess;
}
API cuMemHostGetDevicePointer_v2(CUdeviceptr* d, void* p, unsigned flags) {
  LOCK;
  READY;
  if (flags != 0 || !st().mapped.count(reinterpret_cast<std::uintptr_t>(p)))
    return invalid("cuMemHostGetDevicePointer of %p, not allocated with CU_MEMHOSTALLOC_DEVICEMAP", p);
  *d = reinterpret_cast<std::uintptr_t>(p);  // unified addressing: the same address
  return kSuccess;
}
API cuMemsetD8Async(CUdeviceptr d, unsigned char v, std::size_t n, void* stream) {
  LOCK;
  READY;
  if (!isDevice(d, n)) return invalid("cuMemsetD8Async of %zu bytes at %#llx outside any allocation", n, d);
  enqueue(streamOf(stream), "memset " + std::to_string(n), [=] {
    std::memset(reinterpret_cast<void*>(static_cast<std::uintptr_t>(d)), v, n);
    return kSuccess;
  });
  return kSuccess;
}
API cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void* src, std::size_t n, void* stream) {
  LOCK;
  READY;
  if (!isDevice(d, n)) return invalid("cuMemcpyHtoDAsync of %zu bytes to %#llx outside any allocation", n, d);
  void* dst = reinterpret_cast<void*>(static_cast<std::uintptr_t>(d));
  if (isPinned(src, n)) {
    // A DMA from page-locked memory reads it when the copy runs, not when it is issued.
    enqueue(streamOf(stream), "htod " + std::to_string(n), [=] {
      std::memcpy(dst, src, n);
      return kSuccess;
    });
  } else {
    // Pageable source: staged at once ("API synchronization behavior", Memcpy, Asynchronous).
    auto copy = std::make_shared<std::vector<unsigned char>>(static_cast<const unsigned char*>(src),
                                                             static_cast<const unsigned char*>(src) + n);
    enqueue(streamOf(stream), "htod pageable " + std::to_string(n), [=] {
      std::memcpy(dst, copy->data(), n);
      return kSuccess;
    });
  }
  return kSuccess;
}
API cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr s, std::size_t n, void* stream) {
  LOCK;
  READY;
  if (!isDevice(s, n)) return invalid("cuMemcpyDtoHAsync of %zu bytes from %#llx outside any allocation", n, s);
  const void* src = reinterpret_cast<const void*>(static_cast<std::uintptr_t>(s));
  bool pageable = !isPinned(dst, n);
  enqueue(streamOf(stream), std::string(pageable ? "dtoh pageable " : "dtoh ") + std::to_string(n), [=] {
    std::memcpy(dst, src, n);
    return kSuccess;
  });
  // To pageable memory the call returns once the copy is done.
  return pageable ? drain(streamOf(stream)) : kSuccess;
}
API cuMemcpyDtoDAsync_v2(CUdeviceptr d, CUdeviceptr s, std::size_t n, void* stream) {
  LOCK;
  READY;
  if (!isDevice(d, n) || !isDevice(s, n)) return invalid("cuMemcpyDtoDAsync of %zu bytes %#llx -> %#llx outside an allocation", n, s, d);
  enqueue(streamOf(stream), "dtod " + std::to_string(n), [=] {
    std::memmove(reinterpret_cast<void*>(static_cast<std::uintptr_t>(d)), reinterpret_cast<const void*>(static_cast<std::uintptr_t>(s)), n);
    return kSuccess;
  });
  return kSuccess;
}
API cuModuleLoadData(void** mod, const void* image) {
  LOCK;
  READY;
  auto m = std::make_unique<Module>();
  const auto* img = static_cast<const unsigned char*>(image);
  if (!elfKernels(img, *m)) {
    if (CUresult r = fakeKernels(static_cast<const char*>(image), *m)) return r;
  }
  logf("module %zu kernels", m->kernels.size());
  *mod = m.get();
  st().modules.insert(m.release());
  return kSuccess;
}
API cuModuleUnload(void* mod) {
  LOCK;
  READY;
  auto* m = static_cast<Module*>(mod);
  if (!st().modules.erase(m)) return kInvalidHandle;
  delete m;
  return kSuccess;
}
API cuModuleGetFunction(void** fn, void* mod, const char* name) {
  LOCK;
  READY;
  auto* m = static_cast<Module*>(mod);
  if (!st().modules.count(m)) return kInvalidHandle;
  auto k = m->kernels.find(name);
  if (k == m->kernels.end()) return kNotFound;
  *fn = new Function{m, name, k->second};  // handles live as long as the process (a test double)
  return kSuccess;
}
// $FAKE_CUDA_ATTEMPT (exploits/sandbox.test.ts, wall 3): at a launch, this stand-in for the driver
// makes a system call the executor's sandbox must refuse, as host code running in the CUDA
// executor would; the outcome goes to the log ("attempt <what> r=<r> errno=<e>").
void attempt(const char* what) {
  const char* path = std::getenv("FAKE_CUDA_ATTEMPT_PATH");
  long r = -2;
  errno = 0;
  std::string w = what;
  if (w == "execve") {
    char* argv[] = {const_cast<char*>("/bin/sh"), nullptr};
    r = execve("/bin/sh", argv, nullptr);
  } else if (w == "fork") {
    pid_t p = fork();
    if (p == 0) _exit(0);
    if (p > 0) waitpid(p, nullptr, 0);
    r = p;
  } else if (w == "socket-inet") {
    r = socket(AF_INET, SOCK_STREAM, 0);
  } else if (w == "socket-unix") {
    r = socket(AF_UNIX, SOCK_STREAM, 0);
  } else if (w == "create") {
    r = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  } else if (w == "read") {
    r = open(path, O_RDONLY);
  } else if (w == "unlink") {
    r = unlink(path);
  } else if (w == "mprotect") {
    void* m = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r = mprotect(m, 4096, PROT_READ | PROT_EXEC);
  }
  logf("attempt %s r=%ld errno=%d", what, r, errno);
}

API cuLaunchKernel(void* fn, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void* stream, void** params, void** extra) {
  LOCK;
  READY;
  if (const char* a = std::getenv("FAKE_CUDA_ATTEMPT"); a && *a) attempt(a);
  auto* f = static_cast<Function*>(fn);
  if (!f || !st().modules.count(f->module)) return kInvalidHandle;
  if (extra || shared || !params) return invalid("cuLaunchKernel: unexpected extra/shared/params");
  // Grid and block limits (CUDA C++ Programming Guide, "Compute Capabilities", Table 21).
  if (!gx || !gy || !gz || gy > 65535 || gz > 65535 || gx > 0x7fffffffu) return invalid("cuLaunchKernel grid %u,%u,%u", gx, gy, gz);
  if (!bx || !by || !bz || bz > 64 || 1ull * bx * by * bz > 1024) return invalid("cuLaunchKernel block %u,%u,%u", bx, by, bz);
  // More threads than the kernel's __launch_bounds__: "too many resources requested for launch".
  if (1ull * bx * by * bz > f->maxThreads) return 701;  // CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES
  Launch l{{gx, gy, gz}, {bx, by, bz}, {}, 0};
  char what[160];
  std::snprintf(what, sizeof what, "launch %s grid=%u,%u,%u block=%u,%u,%u", f->name.c_str(), gx, gy, gz, bx, by, bz);
  if (f->name == "duet_health") {
    std::memcpy(&l.healthOut, params[0], sizeof l.healthOut);
    if (!isDevice(l.healthOut, 4ull * bx)) return invalid("duet_health: output outside any allocation");
  } else if (f->name.rfind("duet_", 0) == 0) {
    // Kernel parameters are copied when the launch is issued (the executor swaps slots after it).
    std::memcpy(&l.p, params[0], sizeof l.p);
    for (int s = 0; s < kMaxSlots; s++) {
      if (!l.p.slot[s]) continue;
      if (!isDevice(reinterpret_cast<std::uintptr_t>(l.p.slot[s]), l.p.slotBytes[s]))
        return invalid("%s: slot %d (%llu bytes) is not inside an allocation", f->name.c_str(), s, l.p.slotBytes[s]);
    }
    if (!st().mapped.count(reinterpret_cast<std::uintptr_t>(l.p.control)))
      return invalid("%s: control is not a mapped host allocation", f->name.c_str());
    if (l.p.numWorkgroups[0] != gx || l.p.numWorkgroups[1] != gy || l.p.numWorkgroups[2] != gz)
      return invalid("%s: numWorkgroups differs from the grid", f->name.c_str());
  }
  std::string name = f->name;
  enqueue(streamOf(stream), what, [name, l] { return runKernel(name, l); });
  return kSuccess;
}
API cuStreamCreate(void** s, unsigned flags) {
  LOCK;
  READY;
  auto* stream = new Stream();
  stream->nonBlocking = (flags & 0x1) != 0;
  st().streams.insert(stream);
  *s = stream;
  return kSuccess;
}
API cuStreamSynchronize(void* s) {
  LOCK;
  READY;
  if (s && !st().streams.count(static_cast<Stream*>(s))) return kInvalidHandle;
  if (!s) {  // the legacy stream waits for the blocking streams
    for (Stream* o : st().streams)
      if (!o->nonBlocking)
        if (CUresult r = drain(o)) return r;
  }
  return drain(streamOf(s));
}
API cuEventCreate(void** e, unsigned flags) {
  LOCK;
  READY;
  if (flags != 0) return kInvalidValue;
  auto* ev = new Event();
  st().events.insert(ev);
  *e = ev;
  return kSuccess;
}
API cuEventDestroy_v2(void* e) {
  LOCK;
  READY;
  if (!st().events.erase(static_cast<Event*>(e))) return kInvalidHandle;
  // Queued records of a destroyed event still run (CUDA: resources released once it completes),
  // so the object itself is kept.
  return kSuccess;
}
API cuEventRecord(void* e, void* stream) {
  LOCK;
  READY;
  auto* ev = static_cast<Event*>(e);
  if (!st().events.count(ev)) return kInvalidHandle;
  ev->recorded = true;
  ev->done = false;
  ev->stream = streamOf(stream);
  unsigned gen = ++ev->generation;
  enqueue(streamOf(stream), "event", [ev, gen] {
    if (ev->generation == gen) {
      ev->done = true;
      ev->at = std::chrono::steady_clock::now();
    }
    return kSuccess;
  });
  return kSuccess;
}
API cuEventSynchronize(void* e) {
  LOCK;
  READY;
  auto* ev = static_cast<Event*>(e);
  if (!st().events.count(ev)) return kInvalidHandle;
  // Runs the event's stream up to its latest record, and nothing else: work on other streams
  // (the legacy one included, for a non-blocking stream) stays queued.
  if (ev->recorded && !ev->done) {
    Stream* s = ev->stream;
    if (s == &st().legacy) {
      for (Stream* o : st().streams)
        if (!o->nonBlocking)
          if (CUresult r = drain(o)) return r;
    }
    while (!ev->done && !s->ops.empty())
      if (CUresult r = runOne(s)) return r;
  }
  return kSuccess;
}
API cuEventElapsedTime_v2(float* ms, void* a, void* b) {
  LOCK;
  READY;
  auto* x = static_cast<Event*>(a);
  auto* y = static_cast<Event*>(b);
  if (!st().events.count(x) || !st().events.count(y)) return kInvalidHandle;
  if (!x->recorded || !y->recorded) return kInvalidHandle;
  if (!x->done || !y->done) return kNotReady;
  *ms = std::chrono::duration<float, std::milli>(y->at - x->at).count();
  return kSuccess;
}
API cuGetErrorName(CUresult r, const char** s) {
  switch (r) {
    case kOutOfMemory: *s = "CUDA_ERROR_OUT_OF_MEMORY"; return kSuccess;
    case kIllegalAddress: *s = "CUDA_ERROR_ILLEGAL_ADDRESS"; return kSuccess;
    default: return kInvalidValue;  // the executor falls back to its own table
  }
}
API cuGetErrorString(CUresult r, const char** s) {
  switch (r) {
    case kOutOfMemory: *s = "out of memory"; return kSuccess;
    case kIllegalAddress: *s = "an illegal memory access was encountered"; return kSuccess;
    default: return kInvalidValue;
  }
}
