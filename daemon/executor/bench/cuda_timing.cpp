// duet-cuda-timing: times Duet's CUDA kernel for a preset against a hand-written CUDA kernel doing the same
// work, on the same buffers (issue 25, bench/cuda-quality.bench.ts). A bench tool, never started by the
// daemon: it compiles whatever CUDA source it is given, so it runs only what a developer points it at.
//
//   duet-cuda-timing SPEC.json      prints one JSON object on stdout; exit 0, or 1 with {"error": "..."}
//
// SPEC (written by bench/cuda-timing.ts):
//   {"grid": [x, y, z], "block": [x, y, z], "warmup": W, "reps": R, "fma": false,
//    "buffers": [{"file": "slot0.bin"}, ...],             initial bytes of each binding, in slot order
//    "kernels": [{"label": "generated", "source": "gen.cu", "symbol": "duet_k_main", "abi": "duet"},
//                {"label": "hand-written", "source": "hand.cu", "symbol": "saxpy", "abi": "args",
//                 "args": [{"u32": 65536}, {"f32": 2.5}, {"buffer": 1}, {"buffer": 2}]}]}
// A "duet" kernel takes DuetParams by value (docs/contracts.md section 3: every buffer a slot, a mapped
// control word); an "args" kernel takes the listed values. Each kernel runs once from the initial bytes
// (its outputs compared with the first kernel's, byte for byte), then W untimed and R timed launches,
// each between two events on one stream (CUDA Driver API, Event Management: cuEventElapsedTime).
// Buffers are reset to their initial bytes before each kernel's first run only: in-place kernels then
// time on their own outputs, which changes no instruction they run.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda_api.h"
#include "cuda_compiler.h"
#include "json.h"
#include "run_request.h"

using namespace duet;
using namespace duet::cu;

namespace {

// Mirrors struct DuetParams (contracts section 3), as cuda_backend.cpp's DuetParamsDevice does.
struct DuetParamsDevice {
  unsigned char* slot[kMaxSlots];
  unsigned long long slotBytes[kMaxSlots];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Failure("cannot read " + path);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string dirOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// Throws with the driver's own words when a call fails.
struct DriverCheck {
  const DriverApi& api;
  void operator()(CUresult r, const char* what) const {
    if (r != CUDA_SUCCESS) throw Failure(std::string(what) + ": " + cuErrorText(&api, r));
  }
};

unsigned dim(const Json& a, std::size_t i) {
  const double v = a[i].number(-1);
  if (v < 1 || v > 0x7fffffff) throw Failure("grid and block need three positive sizes");
  return static_cast<unsigned>(v);
}

Json stats(std::vector<float> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return static_cast<double>(ms[static_cast<std::size_t>(q * (ms.size() - 1))]); };
  Json o = Json::object();
  o.set("median", at(0.5)).set("min", at(0)).set("p90", at(0.9)).set("max", at(1)).set("n", ms.size()).set("unit", "ms");
  return o;
}

Json run(const std::string& specPath) {
  std::string err;
  const Json spec = Json::parse(readFile(specPath), &err);
  if (!err.empty()) throw Failure(specPath + ": " + err);
  const std::string base = dirOf(specPath);

  std::string why;
  void* lib = openLibrary(driverLibraryNames(), &why);
  if (!lib) throw Failure("no CUDA device: " + why);
  DriverApi api{};
  std::size_t n;
  const SymbolSpec* specs = driverSymbols(&n);
  if (std::string missing = loadSymbols(lib, specs, n, &api); !missing.empty())
    throw Failure("no CUDA device: libcuda is incomplete (" + missing + ")");
  const DriverCheck check{api};
  if (CUresult r = api.cuInit(0); r != CUDA_SUCCESS) throw Failure("no CUDA device: cuInit: " + cuErrorText(&api, r));
  int count = 0;
  if (api.cuDeviceGetCount(&count) != CUDA_SUCCESS || count == 0) throw Failure("no CUDA device: the driver sees none");
  CUdevice dev;
  check(api.cuDeviceGet(&dev, 0), "cuDeviceGet");
  CUcontext ctx;
  check(api.cuDevicePrimaryCtxRetain(&ctx, dev), "cuDevicePrimaryCtxRetain");
  check(api.cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
  char name[256] = {};
  api.cuDeviceGetName(name, sizeof name - 1, dev);
  int major = 0, minor = 0;
  api.cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
  api.cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
  const std::string arch = "sm_" + std::to_string(major) + std::to_string(minor);
  CUstream stream;
  check(api.cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  CUevent e0, e1;
  check(api.cuEventCreate(&e0, CU_EVENT_DEFAULT), "cuEventCreate");
  check(api.cuEventCreate(&e1, CU_EVENT_DEFAULT), "cuEventCreate");

  // Buffers: device memory with their initial bytes kept on the host.
  std::vector<std::string> initial;
  std::vector<CUdeviceptr> dptr;
  for (const Json& b : spec["buffers"].items()) {
    initial.push_back(readFile(base + "/" + b["file"].str()));
    CUdeviceptr p = 0;
    check(api.cuMemAlloc(&p, std::max<std::size_t>(initial.back().size(), 4)), "cuMemAlloc");
    dptr.push_back(p);
  }
  if (dptr.size() > kMaxSlots) throw Failure("more buffers than DuetParams has slots");
  // The control words (abort flag, status) in mapped host memory, as the executor keeps them.
  void* controlHost = nullptr;
  check(api.cuMemHostAlloc(&controlHost, 64, CU_MEMHOSTALLOC_DEVICEMAP | CU_MEMHOSTALLOC_PORTABLE), "cuMemHostAlloc");
  CUdeviceptr control = 0;
  check(api.cuMemHostGetDevicePointer(&control, controlHost, 0), "cuMemHostGetDevicePointer");
  auto reset = [&] {
    for (std::size_t i = 0; i < dptr.size(); i++)
      check(api.cuMemcpyHtoDAsync(dptr[i], initial[i].data(), initial[i].size(), stream), "cuMemcpyHtoDAsync");
    check(api.cuStreamSynchronize(stream), "cuStreamSynchronize");
    std::memset(controlHost, 0, 64);
  };

  const Json& grid = spec["grid"];
  const Json& block = spec["block"];
  const unsigned g[3] = {dim(grid, 0), dim(grid, 1), dim(grid, 2)};
  const unsigned k[3] = {dim(block, 0), dim(block, 1), dim(block, 2)};
  const int warmup = static_cast<int>(spec["warmup"].number(5));
  const int reps = std::max(1, static_cast<int>(spec["reps"].number(50)));

  CudaCompiler compiler;
  if (std::string w = compiler.init(); !w.empty()) throw Failure(w);
  Json out = Json::object();
  out.set("device", name).set("arch", arch).set("compiler", compiler.version());
  Json kernels = Json::array();
  std::vector<std::string> firstOutputs;
  for (const Json& kern : spec["kernels"].items()) {
    const std::string label = kern["label"].str();
    CudaCompileResult c = compiler.compile(readFile(base + "/" + kern["source"].str()), arch, spec["fma"].boolean(), base);
    if (!c.ok) throw Failure(label + " does not compile for " + arch + ":\n" + c.log);
    CUmodule mod;
    check(api.cuModuleLoadData(&mod, c.cubin.data()), "cuModuleLoadData");
    CUfunction fn;
    check(api.cuModuleGetFunction(&fn, mod, kern["symbol"].str().c_str()), ("cuModuleGetFunction " + kern["symbol"].str()).c_str());

    // Parameter storage: one slot per argument, each 8 bytes aligned, or DuetParams whole.
    DuetParamsDevice params{};
    std::vector<unsigned long long> words;
    std::vector<void*> args;
    if (kern["abi"].str() == "duet") {
      for (std::size_t i = 0; i < dptr.size(); i++) {
        params.slot[i] = reinterpret_cast<unsigned char*>(dptr[i]);
        params.slotBytes[i] = initial[i].size();
      }
      std::copy(g, g + 3, params.numWorkgroups);
      params.control = reinterpret_cast<unsigned*>(control);
      args.push_back(&params);
    } else {
      const auto& list = kern["args"].items();
      words.resize(list.size());
      for (std::size_t i = 0; i < list.size(); i++) {
        const Json& a = list[i];
        if (a.has("u32")) {
          const unsigned v = static_cast<unsigned>(a["u32"].number());
          std::memcpy(&words[i], &v, sizeof v);
        } else if (a.has("f32")) {
          const float v = static_cast<float>(a["f32"].number());
          std::memcpy(&words[i], &v, sizeof v);
        } else if (a.has("buffer")) {
          const std::size_t b = static_cast<std::size_t>(a["buffer"].number(-1));
          if (b >= dptr.size()) throw Failure(label + ": argument " + std::to_string(i) + " names no buffer");
          words[i] = dptr[b];
        } else {
          throw Failure(label + ": argument " + std::to_string(i) + " is none of u32, f32, buffer");
        }
        args.push_back(&words[i]);
      }
    }
    auto launch = [&] {
      check(api.cuLaunchKernel(fn, g[0], g[1], g[2], k[0], k[1], k[2], 0, stream, args.data(), nullptr),
              ("cuLaunchKernel " + label).c_str());
    };

    reset();
    launch();
    check(api.cuStreamSynchronize(stream), "cuStreamSynchronize");
    std::vector<std::string> outputs;
    for (std::size_t i = 0; i < dptr.size(); i++) {
      std::string bytes(initial[i].size(), '\0');
      check(api.cuMemcpyDtoHAsync(bytes.data(), dptr[i], bytes.size(), stream), "cuMemcpyDtoHAsync");
      outputs.push_back(std::move(bytes));
    }
    check(api.cuStreamSynchronize(stream), "cuStreamSynchronize");
    Json row = Json::object();
    row.set("label", label);
    if (firstOutputs.empty()) {
      firstOutputs = outputs;
    } else {
      Json differ = Json::array();
      for (std::size_t i = 0; i < outputs.size(); i++)
        if (outputs[i] != firstOutputs[i]) differ.push(static_cast<unsigned>(i));
      row.set("buffersDiffering", differ);
    }
    for (int i = 0; i < warmup; i++) launch();
    std::vector<float> ms;
    for (int i = 0; i < reps; i++) {
      check(api.cuEventRecord(e0, stream), "cuEventRecord");
      launch();
      check(api.cuEventRecord(e1, stream), "cuEventRecord");
      check(api.cuEventSynchronize(e1), "cuEventSynchronize");
      float v = 0;
      check(api.cuEventElapsedTime(&v, e0, e1), "cuEventElapsedTime");
      ms.push_back(v);
    }
    row.set("ms", stats(ms));
    kernels.push(row);
    api.cuModuleUnload(mod);
  }
  out.set("kernels", kernels);
  for (CUdeviceptr p : dptr) api.cuMemFree(p);
  api.cuMemFreeHost(controlHost);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: duet-cuda-timing SPEC.json\n");
    return 2;
  }
  try {
    std::printf("%s\n", run(argv[1]).dump().c_str());
    return 0;
  } catch (const std::exception& e) {
    Json o = Json::object();
    o.set("error", e.what());
    std::printf("%s\n", o.dump().c_str());
    return 1;
  }
}
