#include "cuda_backend.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <unistd.h>

#include "crash.h"
#include "compile_helper.h"
#include "cuda_api.h"
#include "cuda_compiler.h"
#include "errors.h"
#include "kernel_cache.h"
#include "log.h"
#include "pinned_arena.h"
#include "sha256.h"

namespace duet {

using namespace cu;

namespace {

// Pinned staging kept between runs up to this size (the default maxBindingBytes): a run that needed
// more gives its buffer back when it ends (PinnedArena::trim).
constexpr std::size_t kRetainPinnedBytes = std::size_t{256} << 20;

// Mirrors struct DuetParams (contracts §3); passed by value as the kernel's only parameter.
struct DuetParamsDevice {
  unsigned char* slot[kMaxSlots];
  unsigned long long slotBytes[kMaxSlots];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};

struct CudaModule {
  const DriverApi* api = nullptr;
  CUmodule module = nullptr;
  ~CudaModule() {
    if (module) api->cuModuleUnload(module);
  }
};

class CudaBackend : public Backend {
 public:
  ~CudaBackend() override;
  std::string init(const std::string& cacheDir);
  // Compiling and the disk cache are the helper's (compile_helper.h) when there is one.
  CompilerHelper* helper_ = nullptr;
  const char* name() const override { return "cuda"; }
  Json deviceInfo() override { return device_; }
  void run(RunRequest& req, RunEnv& env) override;
  Json health() override;

 private:
  // Checks a driver call; sticky errors are fatal (the executor exits after reporting, and the daemon
  // starts a new one: a new process, a new context, so no run ever follows a fault in the same context).
  // A code cuIsSticky does not list counts as sticky too when the context then fails a synchronize
  // ("Note that this function may also return error codes from previous, asynchronous launches",
  // CUDA Driver API, cuCtxSynchronize): a lost context is never handed to the next run.
  void check(CUresult r, const char* what, const char* code = "device") {
    if (r == CUDA_SUCCESS) return;
    bool sticky = cuIsSticky(r) || (ctx_ && api_.cuCtxSynchronize() != CUDA_SUCCESS);
    std::string msg = std::string(what) + ": " + cuErrorText(&api_, r);
    if (sticky) msg += " (the CUDA context is lost; the executor restarts)";
    throw RunError(sticky ? "launch" : code, msg, "", sticky);
  }
  std::shared_ptr<CudaModule> load(const std::string& source, const std::string& sourceHash, bool fma, bool& cacheHit, std::string* log);
  void measureBandwidth();
  float elapsed(CUevent a, CUevent b) {
    float ms = 0;
    check(api_.cuEventElapsedTime(&ms, a, b), "cuEventElapsedTime");
    return ms;
  }

  void* lib_ = nullptr;
  DriverApi api_{};
  CUdevice dev_ = 0;
  CUcontext ctx_ = nullptr;
  CUstream stream_ = nullptr;
  CUevent ev_[4] = {};
  std::string arch_;
  std::string dir_;
  CudaCompiler compiler_;
  std::string compilerVersion_;  // compiler_'s, or the helper's
  std::shared_ptr<CudaModule> loadViaHelper(const std::string& source, const std::string& sourceHash, bool fma, bool& cacheHit, std::string* log);
  LruCache<CudaModule> modules_{32};
  Json device_;
  std::size_t l2Bytes_ = 0;
  unsigned* control_ = nullptr;  // host-pinned, mapped: control[0] abort, control[1] status
  CUdeviceptr controlDev_ = 0;
  // Uploads, then every output of the run side by side (handed to the daemon from there).
  PinnedArena staging_{&api_, kRetainPinnedBytes};
  // Per-pass uniform values, read by async copies between passes.
  PinnedArena uniformStage_{&api_, kRetainPinnedBytes};
};

// RAII device allocation.
struct DeviceBuffer {
  const DriverApi* api = nullptr;
  CUdeviceptr ptr = 0;
  std::size_t bytes = 0;
  DeviceBuffer() = default;
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& o) noexcept : api(o.api), ptr(o.ptr), bytes(o.bytes) { o.ptr = 0; }
  ~DeviceBuffer() {
    if (ptr) api->cuMemFree(ptr);
  }
};
struct PinnedBuffer {
  const DriverApi* api = nullptr;
  void* ptr = nullptr;
  std::size_t bytes = 0;
  ~PinnedBuffer() {
    if (ptr) api->cuMemFreeHost(ptr);
  }
};

}  // namespace

std::string CudaBackend::init(const std::string& cacheDir) {
  std::string why;
  lib_ = openLibrary(driverLibraryNames(), &why);
  if (!lib_) return "no CUDA device: " + why;
  std::size_t n;
  const SymbolSpec* specs = driverSymbols(&n);
  std::string missing = loadSymbols(lib_, specs, n, &api_);
  if (!missing.empty()) return "no CUDA device: libcuda.so.1 is too old or incomplete (" + missing + ")";
  CUresult r = api_.cuInit(0);
  if (r != CUDA_SUCCESS) return "no CUDA device: cuInit failed: " + cuErrorText(&api_, r);
  int count = 0;
  r = api_.cuDeviceGetCount(&count);
  if (r != CUDA_SUCCESS || count == 0) return "no CUDA device: " + (r ? cuErrorText(&api_, r) : std::string("the driver sees no device"));
  int ordinal = 0;
  if (const char* e = std::getenv("DUET_CUDA_DEVICE"); e && *e) ordinal = std::atoi(e);
  if (ordinal < 0 || ordinal >= count) return "no CUDA device: DUET_CUDA_DEVICE=" + std::to_string(ordinal) + " but the driver sees " + std::to_string(count);
  try {
    check(api_.cuDeviceGet(&dev_, ordinal), "cuDeviceGet");
    // Primary context (CUDA Driver API, Primary Context Management): shared with any other user
    // of the device in this process, retained for the executor's lifetime.
    check(api_.cuDevicePrimaryCtxRetain(&ctx_, dev_), "cuDevicePrimaryCtxRetain");
    check(api_.cuCtxSetCurrent(ctx_), "cuCtxSetCurrent");
    check(api_.cuStreamCreate(&stream_, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    for (auto& e : ev_) check(api_.cuEventCreate(&e, CU_EVENT_DEFAULT), "cuEventCreate");

    auto attr = [&](int a) {
      int v = 0;
      api_.cuDeviceGetAttribute(&v, a, dev_);
      return v;
    };
    int major = attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR), minor = attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    arch_ = "sm_" + std::to_string(major) + std::to_string(minor);
    if (!attr(CU_DEVICE_ATTRIBUTE_CAN_MAP_HOST_MEMORY)) return "no CUDA device: the device cannot map host memory (needed for the abort flag)";
    l2Bytes_ = static_cast<std::size_t>(attr(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE));

    // Control words: host-pinned, mapped into the device address space, so the watchdog can
    // raise abort while a kernel runs (cuMemHostAlloc with CU_MEMHOSTALLOC_DEVICEMAP, then
    // cuMemHostGetDevicePointer).
    void* host = nullptr;
    check(api_.cuMemHostAlloc(&host, 64, CU_MEMHOSTALLOC_DEVICEMAP | CU_MEMHOSTALLOC_PORTABLE), "cuMemHostAlloc (control)");
    control_ = static_cast<unsigned*>(host);
    std::memset(control_, 0, 64);
    check(api_.cuMemHostGetDevicePointer(&controlDev_, host, 0), "cuMemHostGetDevicePointer");

    dir_ = cacheDir + "/cuda";
    if (helper_) {
      std::string cwhy = helper_->cudaCompiler(compilerVersion_);
      if (!cwhy.empty()) return cwhy;
    } else {
      std::string dirWhy = makeDirs(dir_);
      if (!dirWhy.empty()) return "cache directory: " + dirWhy;
      std::string cwhy = compiler_.init(std::getenv("DUET_NO_NVRTC") == nullptr);
      if (!cwhy.empty()) return cwhy;
      compilerVersion_ = compiler_.version();
    }

    char name[256] = {};
    api_.cuDeviceGetName(name, sizeof name - 1, dev_);
    std::size_t total = 0, freeB = 0, totalB = 0;
    api_.cuDeviceTotalMem(&total, dev_);
    api_.cuMemGetInfo(&freeB, &totalB);
    int drv = 0;
    api_.cuDriverGetVersion(&drv);
    std::string cudaVersion = std::to_string(drv / 1000) + "." + std::to_string((drv % 1000) / 10);
    device_ = Json::object();
    device_.set("name", std::string(name))
        .set("computeCapability", std::to_string(major) + "." + std::to_string(minor))
        .set("arch", arch_)
        .set("multiprocessors", attr(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT))
        .set("memoryBytes", static_cast<unsigned long long>(total))
        .set("memoryFreeBytes", static_cast<unsigned long long>(freeB))
        .set("cudaVersion", cudaVersion)
        .set("driverVersion", cudaVersion)
        .set("clockMHz", attr(CU_DEVICE_ATTRIBUTE_CLOCK_RATE) / 1000)
        .set("memoryClockMHz", attr(CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE) / 1000)
        .set("memoryBusWidth", attr(CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH))
        .set("l2CacheBytes", static_cast<unsigned long long>(l2Bytes_))
        .set("kernelTimeout", attr(CU_DEVICE_ATTRIBUTE_KERNEL_EXEC_TIMEOUT) != 0)
        .set("compiler", compilerVersion_)
        .set("emulation", false);

    // NVML (optional): the driver's own version string and the PCIe link.
    std::string nvmlWhy;
    if (void* nv = openLibrary(nvmlLibraryNames(), &nvmlWhy)) {
      NvmlApi nvml{};
      std::size_t nn;
      const SymbolSpec* ns = nvmlSymbols(&nn);
      if (loadSymbols(nv, ns, nn, &nvml).empty() && nvml.nvmlInit() == 0) {
        char ver[96] = {};
        if (nvml.nvmlSystemGetDriverVersion && nvml.nvmlSystemGetDriverVersion(ver, sizeof ver - 1) == 0) device_.set("driverVersion", std::string(ver));
        char bus[64] = {};
        nvmlDevice_t h = nullptr;
        if (api_.cuDeviceGetPCIBusId && api_.cuDeviceGetPCIBusId(bus, sizeof bus - 1, dev_) == CUDA_SUCCESS &&
            nvml.nvmlDeviceGetHandleByPciBusId && nvml.nvmlDeviceGetHandleByPciBusId(bus, &h) == 0) {
          unsigned gen = 0, width = 0;
          Json pcie = Json::object();
          if (nvml.nvmlDeviceGetCurrPcieLinkGeneration && nvml.nvmlDeviceGetCurrPcieLinkGeneration(h, &gen) == 0) pcie.set("generation", gen);
          if (nvml.nvmlDeviceGetCurrPcieLinkWidth && nvml.nvmlDeviceGetCurrPcieLinkWidth(h, &width) == 0) pcie.set("width", width);
          if (pcie.size()) device_.set("pcie", std::move(pcie));
        }
        nvml.nvmlShutdown();
      }
      dlclose(nv);
    }
    measureBandwidth();
  } catch (const RunError& e) {
    return std::string("no CUDA device: ") + e.what();
  }
  return "";
}

CudaBackend::~CudaBackend() {
  modules_.clear();
  staging_.release();  // pinned memory belongs to the context: give it back first
  uniformStage_.release();
  if (ctx_ && api_.cuDevicePrimaryCtxRelease) api_.cuDevicePrimaryCtxRelease(dev_);
}

void CudaBackend::measureBandwidth() {
  // 64 MiB pinned ↔ device, each direction timed with events around one async copy.
  const std::size_t bytes = 64u << 20;
  PinnedBuffer host;
  host.api = &api_;
  DeviceBuffer dev;
  dev.api = &api_;
  if (api_.cuMemHostAlloc(&host.ptr, bytes, 0) != CUDA_SUCCESS) return;
  if (api_.cuMemAlloc(&dev.ptr, bytes) != CUDA_SUCCESS) return;
  std::memset(host.ptr, 1, bytes);
  Json bw = Json::object();
  auto gbs = [&](float ms) { return ms > 0 ? static_cast<double>(bytes) / (ms * 1e-3) / 1e9 : 0.0; };
  check(api_.cuMemcpyHtoDAsync(dev.ptr, host.ptr, bytes, stream_), "warm-up copy");
  check(api_.cuEventRecord(ev_[0], stream_), "cuEventRecord");
  check(api_.cuMemcpyHtoDAsync(dev.ptr, host.ptr, bytes, stream_), "cuMemcpyHtoDAsync");
  check(api_.cuEventRecord(ev_[1], stream_), "cuEventRecord");
  check(api_.cuMemcpyDtoHAsync(host.ptr, dev.ptr, bytes, stream_), "cuMemcpyDtoHAsync");
  check(api_.cuEventRecord(ev_[2], stream_), "cuEventRecord");
  check(api_.cuEventSynchronize(ev_[2]), "cuEventSynchronize");
  bw.set("hostToDeviceGBs", gbs(elapsed(ev_[0], ev_[1]))).set("deviceToHostGBs", gbs(elapsed(ev_[1], ev_[2])));
  device_.set("bandwidth", std::move(bw));
}

std::shared_ptr<CudaModule> CudaBackend::load(const std::string& source, const std::string& sourceHash, bool fma, bool& cacheHit, std::string* log) {
  std::string opts;
  for (const auto& o : compiler_.options(arch_, fma)) opts += o + " ";
  // Keyed by the source's sha256 (checked when the source came with the run), not the text itself.
  std::string key = cacheKey({"duet-cuda-v2", sourceHash, opts, compilerVersion_, arch_});
  if (auto m = modules_.get(key)) {
    cacheHit = true;
    return m;
  }
  if (helper_) {
    auto m = loadViaHelper(source, sourceHash, fma, cacheHit, log);
    modules_.put(key, m);
    return m;
  }
  std::string path = dir_ + "/" + key + ".cubin";
  std::string cubin;
  cacheHit = fileExists(path) && readFile(path, cubin) && cubin.size() > 4;
  auto m = std::make_shared<CudaModule>();
  m->api = &api_;
  if (cacheHit) {
    // A cached module the driver refuses (a truncated or foreign file) is dropped and compiled
    // again below, or asked for when the run named its source by hash alone.
    CUresult r = api_.cuModuleLoadData(&m->module, cubin.data());
    if (r == CUDA_SUCCESS) {
      modules_.put(key, m);
      return m;
    }
    m->module = nullptr;
    if (cuIsSticky(r)) check(r, "cuModuleLoadData");
    logf("cached module %s does not load (%s); compiling it again", path.c_str(), cuErrorText(&api_, r).c_str());
    ::remove(path.c_str());
    cacheHit = false;
  }
  if (source.empty()) throw needSource(sourceHash);
  CudaCompileResult compiled = compiler_.compile(source, arch_, fma, dir_);
  if (!compiled.ok) throw RunError("compile", "the generated CUDA source does not compile for " + arch_ + " (" + compiler_.version() + ")", compiled.log);
  if (log) *log = compiled.log;
  cubin = std::move(compiled.cubin);
  if (!writeFileAtomic(path, cubin.data(), cubin.size())) logf("cannot write %s (cache)", path.c_str());
  CUresult r = api_.cuModuleLoadData(&m->module, cubin.data());
  if (r != CUDA_SUCCESS) {
    m->module = nullptr;
    ::remove(path.c_str());
    check(r, "cuModuleLoadData", "compile");
  }
  modules_.put(key, m);
  return m;
}

std::shared_ptr<CudaModule> CudaBackend::loadViaHelper(const std::string& source, const std::string& sourceHash, bool fma, bool& cacheHit, std::string* log) {
  for (int attempt = 0;; attempt++) {
    // A cached CUBIN the driver refuses is dropped by the helper and compiled again (once).
    HelperModule h = helper_->cudaModule(sourceHash, source, arch_, fma, attempt > 0);
    if (h.status == HelperModule::NeedSource) throw needSource(sourceHash);
    if (h.status == HelperModule::CompileError || h.status == HelperModule::TimedOut)
      throw RunError("compile", "the generated CUDA source does not compile for " + arch_ + " (" + compilerVersion_ + ")", h.text);
    if (h.status != HelperModule::Ok) throw RunError("internal", h.text.empty() ? "the compiler helper failed" : h.text, "", h.gone);
    std::string cubin;
    char buf[65536];
    for (off_t at = 0;;) {
      ssize_t n = ::pread(h.fd, buf, sizeof buf, at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      cubin.append(buf, static_cast<std::size_t>(n));
      at += n;
    }
    ::close(h.fd);
    cacheHit = h.cacheHit;
    if (log) *log = h.text;
    auto m = std::make_shared<CudaModule>();
    m->api = &api_;
    CUresult r = api_.cuModuleLoadData(&m->module, cubin.data());
    if (r == CUDA_SUCCESS) return m;
    m->module = nullptr;
    if (cuIsSticky(r) || !h.cacheHit || attempt > 0) check(r, "cuModuleLoadData", "compile");
    logf("cached module for %s does not load (%s); compiling it again", sourceHash.c_str(), cuErrorText(&api_, r).c_str());
    if (source.empty()) throw needSource(sourceHash);
  }
}

void CudaBackend::run(RunRequest& req, RunEnv& env) {
  check(api_.cuCtxSetCurrent(ctx_), "cuCtxSetCurrent");
  RunTimings t;
  t.timer = "cuda-events";
  t.resolutionMs = 0.0005;  // cuEventElapsedTime: "resolution of around 0.5 microseconds"
  volatile unsigned* control = control_;
  control[0] = 0;
  control[1] = 0;
  RunScope scope(env, req, control);
  auto checkAbort = [&] { scope.checkAbort(); };

  env.phase(req.id, "compiling");
  auto c0 = Clock::now();
  std::shared_ptr<CudaModule> mod = load(req.source, req.sourceHash, req.fma, t.cacheHit, nullptr);
  std::vector<CUfunction> fns;
  for (const auto& k : req.kernels) {
    CUfunction f = nullptr;
    CUresult r = api_.cuModuleGetFunction(&f, mod->module, k.symbol.c_str());
    if (r != CUDA_SUCCESS) throw RunError("compile", "the generated module has no kernel " + k.symbol + ": " + cuErrorText(&api_, r));
    fns.push_back(f);
  }
  t.compileMs = msSince(c0);
  checkAbort();
  env.watchdog.arm(req.timeLimitMs);

  env.phase(req.id, "uploading");
  std::size_t n = req.slots.size();
  std::vector<DeviceBuffer> buffers(n), pristine(n);
  // One pinned buffer serves both directions: each upload in turn from its start, then the outputs
  // side by side, so the result frame is written to the daemon straight from where the DMA put it.
  const std::vector<std::uint64_t> outputSizes = req.outputBytesAfterSwaps();
  std::size_t staging = 64, outputTotal = 0;
  for (const auto& p : req.payloads) staging = std::max(staging, p.size());
  for (std::uint64_t b : outputSizes) outputTotal += static_cast<std::size_t>(b);
  staging = std::max(staging, outputTotal);
  struct TrimAfterRun {
    PinnedArena& a;
    PinnedArena& b;
    ~TrimAfterRun() {
      a.trim();
      b.trim();
    }
  } trimAfterRun{staging_, uniformStage_};
  unsigned char* stage = nullptr;
  check(staging_.reserve(staging, &stage), "cuMemHostAlloc (staging)");
  for (std::size_t i = 0; i < n; i++) {
    buffers[i].api = &api_;
    buffers[i].bytes = static_cast<std::size_t>(req.slots[i].bytes);
    check(api_.cuMemAlloc(&buffers[i].ptr, std::max<std::size_t>(buffers[i].bytes, 16)), "cuMemAlloc");
    // Zero-filled on the run's own stream, so the upload after it cannot overtake it: cuMemsetD8
    // would go to the legacy stream, which does not order with a CU_STREAM_NON_BLOCKING one (CUDA
    // Driver API, "Stream synchronization behavior"), and returns before it is done for device
    // memory ("API synchronization behavior", Memset).
    check(api_.cuMemsetD8Async(buffers[i].ptr, 0, std::max<std::size_t>(buffers[i].bytes, 16), stream_), "cuMemsetD8Async");
  }
  // Uploads: staged through pinned memory (so the copy is a real DMA), timed with events.
  for (std::size_t i = 0; i < n; i++) {
    const auto& p = req.payloads[i];
    if (p.empty()) continue;
    std::memcpy(stage, p.data(), p.size());
    check(api_.cuEventRecord(ev_[0], stream_), "cuEventRecord");
    check(api_.cuMemcpyHtoDAsync(buffers[i].ptr, stage, p.size(), stream_), "cuMemcpyHtoDAsync");
    check(api_.cuEventRecord(ev_[1], stream_), "cuEventRecord");
    check(api_.cuEventSynchronize(ev_[1]), "cuEventSynchronize");
    t.uploadMs += elapsed(ev_[0], ev_[1]);
  }
  // Slots restored before every execution: one that starts all zeros is zero-filled again; any
  // other keeps a pristine device copy of its start.
  std::vector<bool> restoreZero(n, false);
  for (std::size_t i = 0; i < n; i++) {
    if (!req.slots[i].restore || req.executions() == 1) continue;
    if (req.payloads[i].empty()) {
      restoreZero[i] = true;
      continue;
    }
    pristine[i].api = &api_;
    pristine[i].bytes = buffers[i].bytes;
    check(api_.cuMemAlloc(&pristine[i].ptr, std::max<std::size_t>(buffers[i].bytes, 16)), "cuMemAlloc (pristine copy)");
    check(api_.cuMemcpyDtoDAsync(pristine[i].ptr, buffers[i].ptr, buffers[i].bytes, stream_), "cuMemcpyDtoDAsync");
  }
  // Per-pass uniform payloads: pinned, so the async copies between passes read stable memory.
  std::size_t uniformBytes = 0;
  for (const auto& p : req.passes)
    for (const auto& u : p.uniforms) uniformBytes += static_cast<std::size_t>(req.slots[static_cast<std::size_t>(req.slotIndex(u.slot))].bytes);
  unsigned char* uniforms = nullptr;
  std::vector<std::size_t> uniformAt;
  if (uniformBytes) {
    check(uniformStage_.reserve(uniformBytes, &uniforms), "cuMemHostAlloc (uniforms)");
    std::size_t at = 0;
    for (const auto& p : req.passes)
      for (const auto& u : p.uniforms) {
        std::size_t cap = static_cast<std::size_t>(req.slots[static_cast<std::size_t>(req.slotIndex(u.slot))].bytes);
        unsigned char* dst = uniforms + at;
        std::memset(dst, 0, cap);
        std::memcpy(dst, req.payloads[u.payload].data(), std::min(cap, req.payloads[u.payload].size()));
        uniformAt.push_back(at);
        at += cap;
      }
  }
  DeviceBuffer flush;
  flush.api = &api_;
  t.l2Flushed = req.flushL2 && l2Bytes_;
  if (*t.l2Flushed) {
    flush.bytes = l2Bytes_ * 2;
    check(api_.cuMemAlloc(&flush.ptr, flush.bytes), "cuMemAlloc (L2 flush)");
  } else if (req.flushL2) {
    t.warnings.push_back("L2 flush asked for, but the device reports no L2 size: samples may start with a warm L2");
  }
  check(api_.cuStreamSynchronize(stream_), "cuStreamSynchronize");

  // Pass events: start/stop per pass of one execution.
  std::vector<CUevent> passEv(req.passes.size() * 2);
  struct EventGuard {
    const DriverApi& api;
    std::vector<CUevent>& ev;
    ~EventGuard() {
      for (auto e : ev)
        if (e) api.cuEventDestroy(e);
    }
  } evGuard{api_, passEv};
  for (auto& e : passEv) check(api_.cuEventCreate(&e, CU_EVENT_DEFAULT), "cuEventCreate");

  std::vector<ByteSpan> outputs;
  t.passes.assign(req.passes.size(), {});
  bool guardHit = false;
  unsigned total = req.executions();
  for (unsigned e = 0; e < total; e++) {
    if (e > 0) {
      for (std::size_t i = 0; i < n; i++) {
        if (pristine[i].ptr) check(api_.cuMemcpyDtoDAsync(buffers[i].ptr, pristine[i].ptr, buffers[i].bytes, stream_), "restore (cuMemcpyDtoDAsync)");
        if (restoreZero[i]) check(api_.cuMemsetD8Async(buffers[i].ptr, 0, buffers[i].bytes, stream_), "restore (cuMemsetD8Async)");
      }
    }
    if (flush.ptr) check(api_.cuMemsetD8Async(flush.ptr, static_cast<unsigned char>(e), flush.bytes, stream_), "L2 flush (cuMemsetD8Async)");
    env.phase(req.id, "running", e + 1, total);
    DuetParamsDevice params;
    std::memset(&params, 0, sizeof params);
    std::size_t slotOf[kMaxSlots] = {};
    for (std::size_t i = 0; i < n; i++) {
      params.slot[req.slots[i].slot] = reinterpret_cast<unsigned char*>(static_cast<std::uintptr_t>(buffers[i].ptr));
      params.slotBytes[req.slots[i].slot] = req.slots[i].bytes;
      slotOf[req.slots[i].slot] = i;
    }
    params.control = reinterpret_cast<unsigned*>(static_cast<std::uintptr_t>(controlDev_));
    control[1] = 0;
    std::size_t uniformIndex = 0;
    for (std::size_t pi = 0; pi < req.passes.size(); pi++) {
      const PassSpec& pass = req.passes[pi];
      for (const auto& u : pass.uniforms) {
        std::size_t cap = static_cast<std::size_t>(params.slotBytes[u.slot]);
        CUdeviceptr dst = static_cast<CUdeviceptr>(reinterpret_cast<std::uintptr_t>(params.slot[u.slot]));
        check(api_.cuMemcpyHtoDAsync(dst, uniforms + uniformAt[uniformIndex++], cap, stream_), "uniform upload");
      }
      const KernelSpec& k = req.kernels[pass.kernel];
      check(api_.cuEventRecord(passEv[2 * pi], stream_), "cuEventRecord");
      if (pass.dispatch[0] && pass.dispatch[1] && pass.dispatch[2]) {
        for (int d = 0; d < 3; d++) params.numWorkgroups[d] = pass.dispatch[d];
        void* args[] = {&params};
        // cuLaunchKernel: grid = dispatch, block = @workgroup_size, no dynamic shared memory.
        check(api_.cuLaunchKernel(fns[pass.kernel], pass.dispatch[0], pass.dispatch[1], pass.dispatch[2], k.workgroupSize[0],
                                  k.workgroupSize[1], k.workgroupSize[2], 0, stream_, args, nullptr),
              ("cuLaunchKernel " + k.symbol).c_str(), "launch");
      }
      check(api_.cuEventRecord(passEv[2 * pi + 1], stream_), "cuEventRecord");
      if (pass.hasSwap) {
        std::swap(params.slot[pass.swap[0]], params.slot[pass.swap[1]]);
        std::swap(params.slotBytes[pass.swap[0]], params.slotBytes[pass.swap[1]]);
      }
    }
    (void)slotOf;
    // Waits for the whole execution; the watchdog can raise control[0] meanwhile.
    check(api_.cuEventSynchronize(passEv.back()), "kernel execution (cuEventSynchronize)", "launch");
    unsigned bits = control[1];
    checkAbort();
    if (bits & 2u) throw RunError("aborted", "the kernel stopped at the abort flag");
    // DUET_STATUS_BINDING (compiler/preludes/common.h): an entry point ran no WGSL code because a
    // binding it uses is smaller than its type. The daemon checks sizes first, so this is a bug.
    if (bits & 8u) throw RunError("internal", "the kernel refused to run: a binding it uses is smaller than its WGSL type");
    if (bits & 1u) guardHit = true;
    double sampleMs = 0;
    for (std::size_t pi = 0; pi < req.passes.size(); pi++) {
      double ms = elapsed(passEv[2 * pi], passEv[2 * pi + 1]);
      sampleMs += ms;
      if (e > req.warmup) t.passes[pi].push_back(ms);
    }
    if (e > req.warmup) t.samples.push_back(sampleMs);
    if (e == 0) {
      env.phase(req.id, "downloading");
      std::size_t at = 0;
      for (std::size_t k = 0; k < req.outputs.size(); k++) {
        const unsigned s = req.outputs[k];
        std::size_t bytes = static_cast<std::size_t>(params.slotBytes[s]);
        if (bytes != outputSizes[k]) throw RunError("internal", "output slot " + std::to_string(s) + " holds " + std::to_string(bytes) + " bytes after the passes, not the " + std::to_string(outputSizes[k]) + " planned");
        CUdeviceptr src = static_cast<CUdeviceptr>(reinterpret_cast<std::uintptr_t>(params.slot[s]));
        check(api_.cuEventRecord(ev_[0], stream_), "cuEventRecord");
        if (bytes) check(api_.cuMemcpyDtoHAsync(stage + at, src, bytes, stream_), "cuMemcpyDtoHAsync");
        check(api_.cuEventRecord(ev_[1], stream_), "cuEventRecord");
        check(api_.cuEventSynchronize(ev_[1]), "cuEventSynchronize");
        t.downloadMs += elapsed(ev_[0], ev_[1]);
        outputs.push_back({stage + at, bytes});
        at += bytes;
      }
    }
  }
  if (guardHit) t.warnings.push_back("a loop hit its iteration guard: the outputs may differ from the browser's");
  // Written to the daemon before the staging buffer is touched again (the next run, or trim).
  env.result(resultHeader(req, t, outputSizes), outputs);
}

Json CudaBackend::health() {
  // A real launch of a tiny kernel through the whole path (compile cache, module, launch, copy).
  static const char* kSource =
      "extern \"C\" __global__ void duet_health(unsigned* out) { out[threadIdx.x] = threadIdx.x * 3u + 1u; }\n";
  Json h = Json::object();
  h.set("type", "health");
  auto t0 = Clock::now();
  check(api_.cuCtxSetCurrent(ctx_), "cuCtxSetCurrent");
  bool hit = false;
  static const std::string kHash = sha256Hex(kSource);
  auto mod = load(kSource, kHash, false, hit, nullptr);
  CUfunction f = nullptr;
  check(api_.cuModuleGetFunction(&f, mod->module, "duet_health"), "cuModuleGetFunction");
  DeviceBuffer buf;
  buf.api = &api_;
  check(api_.cuMemAlloc(&buf.ptr, 32 * sizeof(unsigned)), "cuMemAlloc");
  void* args[] = {&buf.ptr};
  check(api_.cuLaunchKernel(f, 1, 1, 1, 32, 1, 1, 0, stream_, args, nullptr), "cuLaunchKernel", "launch");
  unsigned host[32] = {};
  check(api_.cuMemcpyDtoHAsync(host, buf.ptr, sizeof host, stream_), "cuMemcpyDtoHAsync");
  check(api_.cuStreamSynchronize(stream_), "cuStreamSynchronize", "launch");
  bool ok = true;
  for (unsigned i = 0; i < 32; i++) ok = ok && host[i] == i * 3u + 1u;
  h.set("ok", ok).set("ms", msSince(t0));
  if (!ok) h.set("message", "the health kernel wrote wrong values");
  return h;
}

std::unique_ptr<Backend> makeCudaBackend(const std::string& cacheDir, std::string* why, CompilerHelper* helper) {
  auto b = std::make_unique<CudaBackend>();
  b->helper_ = helper;
  std::string w = b->init(cacheDir);
  if (!w.empty()) {
    if (why) *why = w;
    return nullptr;
  }
  return b;
}

}  // namespace duet
