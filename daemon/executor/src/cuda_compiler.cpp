#include "cuda_compiler.h"

#include <cstdlib>
#include <dlfcn.h>
#include <unistd.h>

#include "kernel_cache.h"
#include "log.h"
#include "sha256.h"
#include "subprocess.h"

namespace duet {

std::string findNvcc() {
  if (const char* e = std::getenv("DUET_NVCC"); e && *e) return findProgram(e);
  std::string p = findProgram("nvcc");
  if (!p.empty()) return p;
  if (const char* home = std::getenv("CUDA_HOME"); home && *home) {
    p = findProgram(std::string(home) + "/bin/nvcc");
    if (!p.empty()) return p;
  }
  return findProgram("/usr/local/cuda/bin/nvcc");
}

CudaCompiler::~CudaCompiler() {
  if (nvrtc_) dlclose(nvrtc_);
  if (builtins_) dlclose(builtins_);
}

std::string CudaCompiler::init(bool allowNvrtc) {
  std::string nvrtcWhy = "NVRTC not wanted";
  if (allowNvrtc) {
    std::string opened;
    nvrtc_ = openLibrary(cu::nvrtcLibraryNames(), &nvrtcWhy, &opened);
    if (nvrtc_) {
      std::size_t n;
      const SymbolSpec* specs = cu::nvrtcSymbols(&n);
      std::string missing = loadSymbols(nvrtc_, specs, n, &api_);
      if (!missing.empty()) {
        nvrtcWhy = opened + ": " + missing;
        dlclose(nvrtc_);
        nvrtc_ = nullptr;
      } else {
        int major = 0, minor = 0;
        api_.nvrtcVersion(&major, &minor);
        if (std::string builtins = cu::nvrtcBuiltinsBeside(opened, major, minor); !builtins.empty())
          builtins_ = dlopen(builtins.c_str(), RTLD_NOW | RTLD_LOCAL);  // absent: NVRTC looks itself
        version_ = "nvrtc " + std::to_string(major) + "." + std::to_string(minor);
        return "";
      }
    }
  }
  nvcc_ = findNvcc();
  if (nvcc_.empty()) return "no CUDA compiler: " + nvrtcWhy + ", and nvcc is not on PATH";
  ProcessResult r = runProcess({nvcc_, "--version"}, 30000);
  if (!r.started || r.exitCode != 0) return "no CUDA compiler: " + nvrtcWhy + ", and " + nvcc_ + " --version failed";
  // Last non-empty line: "Build cuda_13.0.r13.0/compiler.…"
  std::string last, line;
  for (char c : r.output + "\n") {
    if (c == '\n') {
      if (!line.empty()) last = line;
      line.clear();
    } else {
      line += c;
    }
  }
  version_ = "nvcc " + last;
  logf("NVRTC unavailable (%s); compiling with %s", nvrtcWhy.c_str(), nvcc_.c_str());
  return "";
}

// Modules that use f16 include <cuda_fp16.h>. NVRTC finds it only on its include path (NVRTC guide,
// "Supported Compile Options": --include-path), so point it at the toolkit's headers when present.
static std::string cudaIncludeDir() {
  for (const char* env : {"CUDA_HOME", "CUDA_PATH"}) {
    const char* v = std::getenv(env);
    if (v && *v && ::access((std::string(v) + "/include/cuda_fp16.h").c_str(), R_OK) == 0) return std::string(v) + "/include";
  }
  if (::access("/usr/local/cuda/include/cuda_fp16.h", R_OK) == 0) return "/usr/local/cuda/include";
  return "";
}

std::vector<std::string> CudaCompiler::options(const std::string& arch, bool fma) const {
  // No fast-math (NVRTC's defaults keep IEEE division/sqrt and denormals); FMA contraction only
  // when the run asks for it (DESIGN: "FMA contraction is a visible option").
  std::vector<std::string> opts = {"--gpu-architecture=" + arch, "-std=c++17", fma ? "--fmad=true" : "--fmad=false"};
  static const std::string include = cudaIncludeDir();
  if (!include.empty()) opts.push_back("--include-path=" + include);
  return opts;
}

CudaCompileResult CudaCompiler::compile(const std::string& source, const std::string& arch, bool fma, const std::string& tmpDir) const {
  if (nvrtc_) return compileNvrtc(source, options(arch, fma));
  return compileNvcc(source, arch, fma, tmpDir);
}

CudaCompileResult CudaCompiler::compileNvrtc(const std::string& source, const std::vector<std::string>& opts) const {
  CudaCompileResult out;
  cu::nvrtcProgram prog = nullptr;
  cu::nvrtcResult r = api_.nvrtcCreateProgram(&prog, source.c_str(), "duet_kernel.cu", 0, nullptr, nullptr);
  if (r != 0) {
    out.log = std::string("nvrtcCreateProgram: ") + api_.nvrtcGetErrorString(r);
    return out;
  }
  std::vector<const char*> argv;
  for (const auto& o : opts) argv.push_back(o.c_str());
  r = api_.nvrtcCompileProgram(prog, static_cast<int>(argv.size()), argv.data());
  std::size_t logSize = 0;
  if (api_.nvrtcGetProgramLogSize(prog, &logSize) == 0 && logSize > 1) {
    out.log.resize(logSize);
    api_.nvrtcGetProgramLog(prog, &out.log[0]);
    out.log.resize(logSize - 1);
  }
  if (r == 0) {
    std::size_t n = 0;
    if (api_.nvrtcGetCUBINSize(prog, &n) == 0 && n > 0) {
      out.cubin.resize(n);
      out.ok = api_.nvrtcGetCUBIN(prog, &out.cubin[0]) == 0;
    }
    if (!out.ok) out.log += "\nNVRTC produced no CUBIN (is the architecture supported by this NVRTC?)";
  } else if (out.log.empty()) {
    out.log = api_.nvrtcGetErrorString(r);
  }
  api_.nvrtcDestroyProgram(&prog);
  return out;
}

CudaCompileResult CudaCompiler::compileNvcc(const std::string& source, const std::string& arch, bool fma, const std::string& tmpDir) const {
  CudaCompileResult out;
  std::string base = tmpDir + "/nvcc-" + sha256Hex(source).substr(0, 16) + "-" + std::to_string(::getpid());
  std::string cu = base + ".cu", cubin = base + ".cubin";
  if (!writeFileAtomic(cu, source.data(), source.size())) {
    out.log = "cannot write " + cu;
    return out;
  }
  // sm_XY → -arch=sm_XY gives SASS for exactly that architecture (nvcc --help: -arch, -cubin).
  ProcessResult r = runProcess({nvcc_, "-cubin", "-arch=" + arch, "-std=c++17", fma ? "--fmad=true" : "--fmad=false", "-o", cubin, cu}, 300000);
  out.log = r.started ? r.output : r.error;
  if (r.timedOut) out.log += "\nnvcc took longer than 300 s";
  if (r.started && !r.timedOut && r.exitCode == 0 && readFile(cubin, out.cubin) && !out.cubin.empty()) out.ok = true;
  ::unlink(cu.c_str());
  ::unlink(cubin.c_str());
  return out;
}

}  // namespace duet
