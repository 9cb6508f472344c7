#include "cpu_backend.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <new>
#include <thread>
#include <unistd.h>

#include "compile_helper.h"
#include "crash.h"
#include "errors.h"
#include "log.h"
#include "platform/cpu_model.h"
#include "platform/module_flags.h"
#include "subprocess.h"

namespace duet {

// Mirrors struct DuetParams of the generated source ABI (docs/contracts.md §3).
struct DuetParamsHost {
  unsigned char* slot[kMaxSlots];
  unsigned long long slotBytes[kMaxSlots];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};
using CpuKernelFn = int (*)(const DuetParamsHost*, const unsigned wg[3]);
using AbiVersionFn = int (*)();

struct CpuModule {
  void* handle = nullptr;
  std::string path;
  ~CpuModule() {
    if (handle) dlclose(handle);
  }
};

namespace {
using Buffer = HostBuffer;

// Slot buffers start zero-filled (WGSL: storage not written by the workload reads as zero).
Buffer allocBuffer(HostBufferPool& pool, std::uint64_t bytes, unsigned slot, bool zero = true) {
  Buffer b = pool.acquire(static_cast<std::size_t>(bytes), zero);
  if (!b) throw RunError("device", "out of host memory allocating slot " + std::to_string(slot) + " (" + std::to_string(bytes) + " bytes)");
  return b;
}
}  // namespace

std::string CpuCompiler::detect() {
  const char* env = std::getenv("DUET_CXX");
  std::string want = env && *env ? env : "g++";
  cxx = findProgram(want);
  if (cxx.empty()) return "no C++ compiler: " + want + " not found on PATH (install g++ or set DUET_CXX)";
  ProcessResult r = runProcess({cxx, "--version"}, 20000);
  if (!r.started || r.exitCode != 0) return "C++ compiler " + cxx + " does not run: " + (r.error.empty() ? r.output : r.error);
  version = r.output.substr(0, r.output.find('\n'));
  gcc = version.find("clang") == std::string::npos;
  return "";
}

std::vector<std::string> CpuCompiler::flags(bool fma) const {
  // No fast-math and no contraction: IEEE results comparable to the browser (DESIGN: semantics).
  std::vector<std::string> f = {"-std=c++17", "-O2", "-fPIC", "-shared", "-pthread", "-fno-fast-math",
                                fma ? "-ffp-contract=fast" : "-ffp-contract=off", "-w"};
  const std::vector<std::string> platformFlags = platform::moduleCompilerFlags(gcc);
  f.insert(f.end(), platformFlags.begin(), platformFlags.end());
  // GCC's -O2 cost model ("very cheap") refuses any loop that needs a runtime alias check, and a kernel's
  // storage views always might alias for g++: the loop mode's fast path (compiler/emit/cpu-windows.ts)
  // stayed scalar. Vectorising changes no result (no reassociation without -ffast-math). clang has no
  // such flag (its -O2 vectoriser versions loops for aliasing already).
  if (gcc) f.push_back("-fvect-cost-model=cheap");
  return f;
}

CpuBackend::CpuBackend(const std::string& cacheDir, unsigned threads, CompilerHelper* helper)
    : dir_(cacheDir + "/cpu"), helper_(helper) {
  if (helper_) {
    std::string why = helper_->cpuCompiler(cc_.cxx, cc_.version, cc_.gcc);
    if (!why.empty()) throw std::runtime_error(why);
  } else {
    std::string why = cc_.detect();
    if (!why.empty()) throw std::runtime_error(why);
    why = makeDirs(dir_);
    if (!why.empty()) throw std::runtime_error("cache directory: " + why);
  }
  pool_ = std::make_unique<ThreadPool>(threads ? threads : std::max(1u, std::thread::hardware_concurrency()));
}

CpuBackend::~CpuBackend() {
  pool_.reset();
  modules_.clear();
}

Json CpuBackend::deviceInfo() {
  std::string model = platform::cpuModelName();
  Json d = Json::object();
  d.set("name", "CPU emulation (" + model + ")")
      .set("cpuModel", model)
      .set("cores", std::max(1u, std::thread::hardware_concurrency()))
      .set("threads", pool_->size())
      .set("emulation", true)
      .set("compiler", cc_.version)
      .set("subgroupSize", 32);
  return d;
}

std::shared_ptr<CpuModule> CpuBackend::load(const RunRequest& req, bool& cacheHit) {
  std::vector<std::string> flags = cc_.flags(req.fma);
  std::string flagText;
  for (const auto& f : flags) flagText += f + " ";
  // Keyed by the source's sha256 (checked when the source came with the run), not the text itself.
  std::string key = cacheKey({"duet-cpu-v2", req.sourceHash, flagText, cc_.version});
  if (auto m = modules_.get(key)) {
    cacheHit = true;
    return m;
  }
  if (helper_) return loadViaHelper(req, key, cacheHit);
  std::string so = dir_ + "/" + key + ".so";
  auto open = [&](std::string* err) -> std::shared_ptr<CpuModule> {
    void* h = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      if (err) *err = dlerror();
      return nullptr;
    }
    auto m = std::make_shared<CpuModule>();
    m->handle = h;
    m->path = so;
    return m;
  };
  std::shared_ptr<CpuModule> m;
  if (fileExists(so)) {
    std::string err;
    m = open(&err);
    if (!m) {
      logf("cached module %s does not load (%s); compiling again", so.c_str(), err.c_str());
      ::unlink(so.c_str());
    }
  }
  cacheHit = m != nullptr;
  if (!m && req.source.empty()) throw needSource(req.sourceHash);
  if (!m) {
    std::string src = dir_ + "/" + key + ".cpp";
    if (!writeFileAtomic(src, req.source.data(), req.source.size())) {
      throw RunError("internal", "cannot write " + src + ": " + std::strerror(errno));
    }
    std::string tmp = dir_ + "/" + key + ".tmp." + std::to_string(::getpid()) + ".so";
    std::vector<std::string> argv = {cc_.cxx};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {"-o", tmp, src});
    ProcessResult r = runProcess(argv, 180000);
    if (!r.started) throw RunError("compile", "cannot run the C++ compiler: " + r.error);
    if (r.timedOut) {
      ::unlink(tmp.c_str());
      throw RunError("compile", "the C++ compiler took longer than 180 s", r.output);
    }
    if (r.exitCode != 0) {
      ::unlink(tmp.c_str());
      throw RunError("compile", "the generated CPU source does not compile (" + cc_.cxx + " exit " + std::to_string(r.exitCode) + ")", r.output);
    }
    if (::rename(tmp.c_str(), so.c_str()) != 0) throw RunError("internal", "cannot move the compiled module into the cache: " + std::string(std::strerror(errno)));
    std::string err;
    m = open(&err);
    if (!m) throw RunError("compile", "the compiled module does not load: " + err, r.output);
  }
  auto abi = reinterpret_cast<AbiVersionFn>(dlsym(m->handle, "duet_abi_version"));
  if (!abi) throw RunError("compile", "the generated module lacks duet_abi_version() (generated source ABI, contracts §3)");
  int v = abi();
  if (v != 1) throw RunError("compile", "the generated module has ABI version " + std::to_string(v) + "; this executor speaks version 1");
  modules_.put(key, m);
  return m;
}

std::shared_ptr<CpuModule> CpuBackend::loadViaHelper(const RunRequest& req, const std::string& key, bool& cacheHit) {
  std::shared_ptr<CpuModule> m;
  std::string compileLog;
  for (int attempt = 0; attempt < 2 && !m; attempt++) {
    // A cached module that does not load is dropped by the helper and compiled again (once).
    HelperModule h = helper_->cpuModule(req.sourceHash, req.source, req.fma, attempt > 0);
    switch (h.status) {
      case HelperModule::Ok: break;
      case HelperModule::NeedSource: throw needSource(req.sourceHash);
      case HelperModule::CompileError:
        throw RunError("compile", "the generated CPU source does not compile (" + cc_.cxx + " exit " + std::to_string(h.exitCode) + ")", h.text);
      case HelperModule::TimedOut: throw RunError("compile", "the C++ compiler took longer than 180 s", h.text);
      // A helper that is gone takes this executor with it: the daemon starts both afresh.
      default: throw RunError("internal", h.text.empty() ? "the compiler helper failed" : h.text, "", h.gone);
    }
    cacheHit = h.cacheHit;
    compileLog = h.text;
    std::string err;
    crashInKernel(true);  // loading runs the module's constructors: its code, not ours
    void* handle = dlopenFd(h.fd, &err);
    crashInKernel(false);
    ::close(h.fd);
    if (handle) {
      m = std::make_shared<CpuModule>();
      m->handle = handle;
      m->path = key;
    } else if (!h.cacheHit || attempt > 0) {
      throw RunError("compile", "the compiled module does not load: " + err, compileLog);
    } else {
      logf("cached module %s does not load (%s); compiling again", key.c_str(), err.c_str());
      if (req.source.empty()) throw needSource(req.sourceHash);
    }
  }
  auto abi = reinterpret_cast<AbiVersionFn>(dlsym(m->handle, "duet_abi_version"));
  if (!abi) throw RunError("compile", "the generated module lacks duet_abi_version() (generated source ABI, contracts §3)");
  int v = abi();
  if (v != 1) throw RunError("compile", "the generated module has ABI version " + std::to_string(v) + "; this executor speaks version 1");
  modules_.put(key, m);
  return m;
}

void CpuBackend::run(RunRequest& req, RunEnv& env) {
  RunTimings t;
  t.resolutionMs = steadyClockResolutionMs();
  t.timer = "steady-clock";
  if (req.flushL2) t.warnings.push_back("L2 flush is a CUDA option: CPU emulation runs its samples with warm caches");
  unsigned control[2] = {0, 0};
  RunScope scope(env, req, control);
  auto checkAbort = [&] { scope.checkAbort(); };

  env.phase(req.id, "compiling");
  auto c0 = Clock::now();
  std::shared_ptr<CpuModule> mod = load(req, t.cacheHit);
  t.compileMs = msSince(c0);
  std::vector<CpuKernelFn> fns;
  for (const auto& k : req.kernels) {
    auto fn = reinterpret_cast<CpuKernelFn>(dlsym(mod->handle, k.symbol.c_str()));
    if (!fn) throw RunError("compile", "the generated module has no kernel " + k.symbol);
    fns.push_back(fn);
  }
  checkAbort();
  env.watchdog.arm(req.timeLimitMs);

  env.phase(req.id, "uploading");
  std::size_t n = req.slots.size();
  std::vector<Buffer> buffers(n), pristine(n);
  auto u0 = Clock::now();
  for (std::size_t i = 0; i < n; i++) {
    buffers[i] = allocBuffer(buffers_, req.slots[i].bytes, req.slots[i].slot);
    if (!req.payloads[i].empty()) std::memcpy(buffers[i].get(), req.payloads[i].data(), req.payloads[i].size());
  }
  t.uploadMs = msSince(u0);
  for (std::size_t i = 0; i < n; i++) {
    if (!req.slots[i].restore || req.executions() == 1) continue;
    pristine[i] = allocBuffer(buffers_, req.slots[i].bytes, req.slots[i].slot, false);
    std::memcpy(pristine[i].get(), buffers[i].get(), static_cast<std::size_t>(req.slots[i].bytes));
  }

  std::vector<Buffer> outputs;
  std::vector<std::uint64_t> outputBytes;
  t.passes.assign(req.passes.size(), {});
  bool guardHit = false;
  unsigned total = req.executions();
  for (unsigned e = 0; e < total; e++) {
    if (e > 0) {
      for (std::size_t i = 0; i < n; i++) {
        if (pristine[i]) std::memcpy(buffers[i].get(), pristine[i].get(), static_cast<std::size_t>(req.slots[i].bytes));
      }
    }
    env.phase(req.id, "running", e + 1, total);
    // Binding of each slot for this execution: identity, then exchanged by `swap` after passes.
    DuetParamsHost params;
    std::memset(&params, 0, sizeof params);
    for (std::size_t i = 0; i < n; i++) {
      params.slot[req.slots[i].slot] = buffers[i].get();
      params.slotBytes[req.slots[i].slot] = req.slots[i].bytes;
    }
    params.control = control;
    control[1] = 0;
    double sampleMs = 0;
    for (std::size_t pi = 0; pi < req.passes.size(); pi++) {
      const PassSpec& pass = req.passes[pi];
      for (const auto& u : pass.uniforms) {
        const auto& bytes = req.payloads[u.payload];
        unsigned char* dst = params.slot[u.slot];
        std::size_t cap = static_cast<std::size_t>(params.slotBytes[u.slot]);
        std::memset(dst, 0, cap);
        std::memcpy(dst, bytes.data(), std::min(cap, bytes.size()));
      }
      for (int d = 0; d < 3; d++) params.numWorkgroups[d] = pass.dispatch[d];
      const KernelSpec& k = req.kernels[pass.kernel];
      CpuKernelFn fn = fns[pass.kernel];
      std::uint64_t gx = pass.dispatch[0], gy = pass.dispatch[1], gz = pass.dispatch[2];
      std::uint64_t count = gx * gy * gz;
      std::atomic<int> failed{0};
      std::function<bool(std::uint64_t)> job = [&](std::uint64_t i) {
        unsigned wg[3] = {static_cast<unsigned>(i % gx), static_cast<unsigned>((i / gx) % gy), static_cast<unsigned>(i / (gx * gy))};
        crashInKernel(true);
        int st = fn(&params, wg);
        crashInKernel(false);
        if (st < 0 || st == 2 || st == 4) {
          int none = 0;
          failed.compare_exchange_strong(none, st);
          return false;
        }
        return true;
      };
      auto k0 = Clock::now();
      pool_->run(count, job);
      double ms = msSince(k0);
      sampleMs += ms;
      if (e > req.warmup) t.passes[pi].push_back(ms);
      unsigned bits = __atomic_load_n(&control[1], __ATOMIC_SEQ_CST);
      checkAbort();
      if (failed.load() < 0) throw RunError("internal", "the CPU runtime could not allocate fiber stacks or workgroup memory");
      if ((bits & 4u) || failed.load() == 4) {
        throw RunError("barrier", "barrier divergence: a workgroupBarrier was reached by only part of a workgroup (pass " +
                                      std::to_string(pi) + ", " + k.symbol + "); barriers must be in uniform control flow (WGSL §15.2)");
      }
      if ((bits & 2u) || failed.load() == 2) throw RunError("aborted", "the kernel stopped at the abort flag");
      if (bits & 1u) guardHit = true;
      if (pass.hasSwap) {
        std::swap(params.slot[pass.swap[0]], params.slot[pass.swap[1]]);
        std::swap(params.slotBytes[pass.swap[0]], params.slotBytes[pass.swap[1]]);
      }
    }
    if (e > req.warmup) t.samples.push_back(sampleMs);
    if (e == 0) {
      env.phase(req.id, "downloading");
      auto d0 = Clock::now();
      for (unsigned s : req.outputs) {
        std::size_t bytes = static_cast<std::size_t>(params.slotBytes[s]);
        outputs.push_back(allocBuffer(buffers_, bytes, s, false));
        std::memcpy(outputs.back().get(), params.slot[s], bytes);
        outputBytes.push_back(bytes);
      }
      t.downloadMs = msSince(d0);
    }
  }
  if (guardHit) t.warnings.push_back("a loop hit its iteration guard: the outputs may differ from the browser's");
  std::vector<ByteSpan> spans;
  for (std::size_t i = 0; i < outputs.size(); i++) spans.push_back({outputs[i].get(), static_cast<std::size_t>(outputBytes[i])});
  env.result(resultHeader(req, t, outputBytes), spans);
}

Json CpuBackend::health() {
  Json h = Json::object();
  h.set("type", "health");
  auto t0 = Clock::now();
  std::atomic<unsigned> sum{0};
  std::function<bool(std::uint64_t)> job = [&](std::uint64_t i) {
    sum += static_cast<unsigned>(i);
    return true;
  };
  pool_->run(64, job);
  h.set("ok", sum.load() == 2016u).set("ms", msSince(t0));
  return h;
}

}  // namespace duet
