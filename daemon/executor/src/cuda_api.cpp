#include "cuda_api.h"

#include <cstddef>
#include <cstdlib>

#include "platform/library_names.h"

namespace duet {
namespace cu {

// One SymbolSpec per row of a DUET_CU_*_SYMBOLS list; `Table` is the struct being filled.
#define DUET_CU_SPEC(ret, name, params, names, required) {names, offsetof(Table, name), required},

const SymbolSpec* driverSymbols(std::size_t* count) {
  using Table = DriverApi;
  static const SymbolSpec specs[] = {DUET_CU_DRIVER_SYMBOLS(DUET_CU_SPEC)};
  *count = sizeof specs / sizeof specs[0];
  return specs;
}

const SymbolSpec* nvrtcSymbols(std::size_t* count) {
  using Table = NvrtcApi;
  static const SymbolSpec specs[] = {DUET_CU_NVRTC_SYMBOLS(DUET_CU_SPEC)};
  *count = sizeof specs / sizeof specs[0];
  return specs;
}

const SymbolSpec* nvmlSymbols(std::size_t* count) {
  using Table = NvmlApi;
  static const SymbolSpec specs[] = {DUET_CU_NVML_SYMBOLS(DUET_CU_SPEC)};
  *count = sizeof specs / sizeof specs[0];
  return specs;
}
#undef DUET_CU_SPEC

std::vector<std::string> driverLibraryNames() { return libraryCandidates("DUET_LIBCUDA", platform::cudaDriverLibraries()); }
// The folder CUDA_HOME / CUDA_PATH names first, every version: the user's explicit choice of toolkit
// (an environment module sets it), which must match their driver and GPU (CUDA 13 dropped sm_50–72).
// Then newest version first, the loader's own search (LD_LIBRARY_PATH, ld.so.cache) before
// /usr/local/cuda: an older NVRTC on the loader path (a distribution's 11.x package) must not win
// over the toolkit's newer one that sits on no loader path (NVIDIA's runfile or tarball install).
// Last, DUET_NVRTC_FALLBACK (':'-separated paths; the GPU kit's run.sh puts a Python wheel's NVRTC
// there): tried only when no toolkit has one. DUET_NVRTC replaces the whole list.
std::vector<std::string> nvrtcLibraryNames() {
  const std::vector<std::string> sonames = platform::nvrtcLibraries();
  const std::string lib = std::string("/") + platform::cudaLibSubdir() + "/";
  std::vector<std::string> names;
  for (const char* env : {"CUDA_HOME", "CUDA_PATH"})
    if (const char* home = std::getenv(env); home && *home)
      for (const auto& so : sonames) names.push_back(home + lib + so);
  for (const auto& so : sonames) {
    names.push_back(so);
    names.push_back("/usr/local/cuda" + lib + so);
  }
  if (const char* extra = std::getenv("DUET_NVRTC_FALLBACK"); extra && *extra) {
    std::string list = extra;
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t end = list.find(':', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) names.push_back(list.substr(start, end - start));
      start = end + 1;
    }
  }
  return libraryCandidates("DUET_NVRTC", names);
}
// NVRTC opens libnvrtc-builtins.so.<major>.<minor> itself, by name, when it compiles (NVRTC guide,
// "Deployment"). When NVRTC was found by path rather than by the loader, that name may be on no
// loader path either; opened first from NVRTC's own folder, the loader then matches the name to the
// copy already loaded. "" when NVRTC came from the loader's own search.
std::string nvrtcBuiltinsBeside(const std::string& nvrtcPath, int major, int minor) {
  const auto slash = nvrtcPath.rfind('/');
  if (slash == std::string::npos) return "";
  return nvrtcPath.substr(0, slash + 1) + platform::nvrtcBuiltinsLibrary(major, minor);
}
std::vector<std::string> nvmlLibraryNames() { return libraryCandidates("DUET_NVML", platform::nvmlLibraries()); }

namespace {
struct ErrorEntry {
  CUresult code;
  const char* name;
};
// CUresult values from cuda.h (enum cudaError_enum).
const ErrorEntry kErrors[] = {
    {0, "CUDA_SUCCESS"},
    {1, "CUDA_ERROR_INVALID_VALUE"},
    {2, "CUDA_ERROR_OUT_OF_MEMORY"},
    {3, "CUDA_ERROR_NOT_INITIALIZED"},
    {4, "CUDA_ERROR_DEINITIALIZED"},
    {34, "CUDA_ERROR_STUB_LIBRARY"},
    {36, "CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER"},
    {46, "CUDA_ERROR_DEVICE_UNAVAILABLE"},
    {100, "CUDA_ERROR_NO_DEVICE"},
    {101, "CUDA_ERROR_INVALID_DEVICE"},
    {102, "CUDA_ERROR_DEVICE_NOT_LICENSED"},
    {200, "CUDA_ERROR_INVALID_IMAGE"},
    {201, "CUDA_ERROR_INVALID_CONTEXT"},
    {209, "CUDA_ERROR_NO_BINARY_FOR_GPU"},
    {214, "CUDA_ERROR_ECC_UNCORRECTABLE"},
    {218, "CUDA_ERROR_INVALID_PTX"},
    {220, "CUDA_ERROR_NVLINK_UNCORRECTABLE"},
    {221, "CUDA_ERROR_JIT_COMPILER_NOT_FOUND"},
    {222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"},
    {226, "CUDA_ERROR_CONTAINED"},
    {300, "CUDA_ERROR_INVALID_SOURCE"},
    {301, "CUDA_ERROR_FILE_NOT_FOUND"},
    {304, "CUDA_ERROR_OPERATING_SYSTEM"},
    {400, "CUDA_ERROR_INVALID_HANDLE"},
    {401, "CUDA_ERROR_ILLEGAL_STATE"},
    {500, "CUDA_ERROR_NOT_FOUND"},
    {600, "CUDA_ERROR_NOT_READY"},
    {700, "CUDA_ERROR_ILLEGAL_ADDRESS"},
    {701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"},
    {702, "CUDA_ERROR_LAUNCH_TIMEOUT"},
    {709, "CUDA_ERROR_CONTEXT_IS_DESTROYED"},
    {710, "CUDA_ERROR_ASSERT"},
    {714, "CUDA_ERROR_HARDWARE_STACK_ERROR"},
    {715, "CUDA_ERROR_ILLEGAL_INSTRUCTION"},
    {716, "CUDA_ERROR_MISALIGNED_ADDRESS"},
    {717, "CUDA_ERROR_INVALID_ADDRESS_SPACE"},
    {718, "CUDA_ERROR_INVALID_PC"},
    {719, "CUDA_ERROR_LAUNCH_FAILED"},
    {720, "CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE"},
    {800, "CUDA_ERROR_NOT_PERMITTED"},
    {801, "CUDA_ERROR_NOT_SUPPORTED"},
    {802, "CUDA_ERROR_SYSTEM_NOT_READY"},
    {803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"},
    {804, "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"},
    {909, "CUDA_ERROR_TIMEOUT"},
    {999, "CUDA_ERROR_UNKNOWN"},
};
}  // namespace

std::string cuErrorNameFallback(CUresult r) {
  for (const auto& e : kErrors)
    if (e.code == r) return e.name;
  return "CUDA_ERROR_" + std::to_string(r);
}

std::string cuErrorText(const DriverApi* api, CUresult r) {
  std::string name, message;
  const char* s = nullptr;
  if (api && api->cuGetErrorName && api->cuGetErrorName(r, &s) == CUDA_SUCCESS && s) name = s;
  s = nullptr;
  if (api && api->cuGetErrorString && api->cuGetErrorString(r, &s) == CUDA_SUCCESS && s) message = s;
  if (name.empty()) name = cuErrorNameFallback(r);
  return message.empty() ? name + " (" + std::to_string(r) + ")" : name + ": " + message;
}

bool cuIsSticky(CUresult r) {
  switch (r) {
    case 214:  // ECC_UNCORRECTABLE
    case 220:  // NVLINK_UNCORRECTABLE
    case 226:  // CONTAINED
    case 700:  // ILLEGAL_ADDRESS
    case 702:  // LAUNCH_TIMEOUT
    case 709:  // CONTEXT_IS_DESTROYED
    case 710:  // ASSERT
    case 714:  // HARDWARE_STACK_ERROR
    case 715:  // ILLEGAL_INSTRUCTION
    case 716:  // MISALIGNED_ADDRESS
    case 717:  // INVALID_ADDRESS_SPACE
    case 718:  // INVALID_PC
    case 719:  // LAUNCH_FAILED
    case 999:  // UNKNOWN
      return true;
    default:
      return false;
  }
}

}  // namespace cu
}  // namespace duet
