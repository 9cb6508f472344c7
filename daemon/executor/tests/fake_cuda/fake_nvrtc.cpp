// A test double of NVRTC (libnvrtc.so) for the executor's CUDA backend on machines without the
// CUDA runtime compiler; see fake_driver.cpp. It checks the options the executor passes (an
// architecture, C++17, an explicit --fmad) and "compiles" by listing the source's
// `extern "C" __global__ void [__launch_bounds__(N)] <name>(` kernels (the name may start the next line;
// a bound that is not a number counts as 1024), with their largest block,
// into an image that only fake_driver.cpp loads:
//   DUET-FAKE-CUBIN arch=sm_90\nkernel duet_k_saxpy 1024\n…
// A source line with `#error` fails the compilation with an NVRTC-shaped log naming that line.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {
using nvrtcResult = int;
// nvrtcResult values (nvrtc.h).
constexpr nvrtcResult kSuccess = 0, kInvalidInput = 3, kInvalidProgram = 4, kInvalidOption = 5, kCompilation = 6;

struct Program {
  std::string source, name, log, image;
};

std::string compile(const Program& p, const std::string& arch, std::string& log) {
  std::string image = "DUET-FAKE-CUBIN arch=" + arch + "\n";
  std::size_t line = 1;
  for (std::size_t at = 0; at < p.source.size();) {
    std::size_t end = p.source.find('\n', at);
    if (end == std::string::npos) end = p.source.size();
    std::string l = p.source.substr(at, end - at);
    if (l.find("#error") != std::string::npos) {
      log = p.name + "(" + std::to_string(line) + "): error: " + l.substr(l.find("#error")) + "\n\n1 error detected in the compilation of \"" + p.name + "\".\n";
      return "";
    }
    // extern "C" __global__ void [__launch_bounds__(N)] name(
    const char* decl = "extern \"C\" __global__ void ";
    if (std::size_t k = l.find(decl); k != std::string::npos) {
      std::size_t from = k + std::strlen(decl);
      unsigned long bound = 1024;
      const char* lb = "__launch_bounds__(";
      if (l.compare(from, std::strlen(lb), lb) == 0) {
        const char* n = l.c_str() + from + std::strlen(lb);
        char* past = nullptr;
        bound = std::strtoul(n, &past, 10);
        if (past == n) bound = 1024;  // a bound written as an expression (hand-written kernels: TILE * TILE)
        from = l.find(')', from) + 1;
      }
      // The name may start the next line (hand-written kernels: `... __launch_bounds__(256)\n    saxpy(`).
      std::string rest = l.substr(std::min(from, l.size()));
      if (rest.find('(') == std::string::npos && end < p.source.size()) {
        std::size_t nextEnd = p.source.find('\n', end + 1);
        rest = p.source.substr(end + 1, (nextEnd == std::string::npos ? p.source.size() : nextEnd) - end - 1);
      }
      rest.erase(0, rest.find_first_not_of(" \t"));
      std::size_t paren = rest.find('(');
      if (paren != std::string::npos) image += "kernel " + rest.substr(0, paren) + " " + std::to_string(bound) + "\n";
    }
    at = end + 1;
    line++;
  }
  return image;
}
}  // namespace

#define API extern "C" __attribute__((visibility("default")))

API nvrtcResult nvrtcVersion(int* major, int* minor) {
  *major = 13;
  *minor = 0;
  return kSuccess;
}
API const char* nvrtcGetErrorString(nvrtcResult r) {
  switch (r) {
    case kSuccess: return "NVRTC_SUCCESS";
    case kInvalidInput: return "NVRTC_ERROR_INVALID_INPUT";
    case kInvalidProgram: return "NVRTC_ERROR_INVALID_PROGRAM";
    case kInvalidOption: return "NVRTC_ERROR_INVALID_OPTION";
    case kCompilation: return "NVRTC_ERROR_COMPILATION";
    default: return "NVRTC_ERROR_INTERNAL_ERROR";
  }
}
API nvrtcResult nvrtcCreateProgram(Program** prog, const char* src, const char* name, int numHeaders, const char* const*,
                                   const char* const*) {
  if (!prog || !src || numHeaders < 0) return kInvalidInput;
  *prog = new Program{src, name ? name : "default_program", "", ""};
  return kSuccess;
}
API nvrtcResult nvrtcCompileProgram(Program* p, int numOptions, const char* const* options) {
  if (!p) return kInvalidProgram;
  std::string arch;
  bool cxx17 = false, fmad = false;
  for (int i = 0; i < numOptions; i++) {
    std::string o = options[i];
    if (o.rfind("--gpu-architecture=", 0) == 0) arch = o.substr(19);
    else if (o == "-std=c++17") cxx17 = true;
    else if (o == "--fmad=true" || o == "--fmad=false") fmad = true;
    else if (o.rfind("--include-path=", 0) == 0) continue;
    else {
      p->log = "nvrtc: error: unrecognized option " + o + "\n";
      return kInvalidOption;
    }
  }
  if (arch.rfind("sm_", 0) != 0 || !cxx17 || !fmad) {
    p->log = "nvrtc: error: the executor must pass --gpu-architecture=sm_XY, -std=c++17 and --fmad\n";
    return kInvalidOption;
  }
  p->image = compile(*p, arch, p->log);
  return p->image.empty() ? kCompilation : kSuccess;
}
API nvrtcResult nvrtcGetProgramLogSize(Program* p, std::size_t* n) {
  if (!p) return kInvalidProgram;
  *n = p->log.size() + 1;
  return kSuccess;
}
API nvrtcResult nvrtcGetProgramLog(Program* p, char* out) {
  if (!p) return kInvalidProgram;
  std::memcpy(out, p->log.c_str(), p->log.size() + 1);
  return kSuccess;
}
API nvrtcResult nvrtcGetCUBINSize(Program* p, std::size_t* n) {
  if (!p) return kInvalidProgram;
  *n = p->image.empty() ? 0 : p->image.size() + 1;  // NUL-terminated: cuModuleLoadData takes no size
  return kSuccess;
}
API nvrtcResult nvrtcGetCUBIN(Program* p, char* out) {
  if (!p || p->image.empty()) return kInvalidProgram;
  std::memcpy(out, p->image.c_str(), p->image.size() + 1);
  return kSuccess;
}
API nvrtcResult nvrtcDestroyProgram(Program** p) {
  if (!p || !*p) return kInvalidProgram;
  delete *p;
  *p = nullptr;
  return kSuccess;
}
