// The slice of the CUDA driver API, NVRTC and NVML that the executor uses, declared here so the
// executor builds without CUDA headers and loads the libraries at run time (dynlib.h).
// Types, enum values and signatures follow the CUDA Driver API reference (cuda.h), the NVRTC
// reference (nvrtc.h) and the NVML reference (nvml.h).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "dynlib.h"

namespace duet {
namespace cu {

using CUresult = int;  // enum cudaError_enum; CUDA_SUCCESS = 0
using CUdevice = int;
using CUdeviceptr = unsigned long long;  // 64-bit builds
typedef struct CUctx_st* CUcontext;
typedef struct CUmod_st* CUmodule;
typedef struct CUfunc_st* CUfunction;
typedef struct CUstream_st* CUstream;
typedef struct CUevent_st* CUevent;

constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_OUT_OF_MEMORY = 2;
constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;
constexpr CUresult CUDA_ERROR_NOT_READY = 600;

// CUdevice_attribute values (cuda.h)
constexpr int CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1;
constexpr int CU_DEVICE_ATTRIBUTE_CLOCK_RATE = 13;  // kHz
constexpr int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
constexpr int CU_DEVICE_ATTRIBUTE_KERNEL_EXEC_TIMEOUT = 17;
constexpr int CU_DEVICE_ATTRIBUTE_INTEGRATED = 18;
constexpr int CU_DEVICE_ATTRIBUTE_CAN_MAP_HOST_MEMORY = 19;
constexpr int CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE = 36;  // kHz
constexpr int CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH = 37;
constexpr int CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE = 38;
constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

constexpr unsigned CU_MEMHOSTALLOC_PORTABLE = 0x01;
constexpr unsigned CU_MEMHOSTALLOC_DEVICEMAP = 0x02;
constexpr unsigned CU_STREAM_NON_BLOCKING = 0x1;
constexpr unsigned CU_EVENT_DEFAULT = 0x0;

// The symbol tables, each written once: one row per function gives its return type, field name,
// parameters, the names dlsym tries (first found wins: a `_v2` where the driver API versions a
// function, e.g. cuMemAlloc_v2) and whether the library is unusable without it. The same rows
// generate the pointer struct here and the dlsym table in cuda_api.cpp (the X-macro list of
// PyTorch's c10/cuda/driver_api.h), so a field and its loading cannot drift apart.
#define DUET_CU_DRIVER_SYMBOLS(X)                                                                             \
  X(CUresult, cuInit, (unsigned), "cuInit", true)                                                            \
  X(CUresult, cuDriverGetVersion, (int*), "cuDriverGetVersion", true)                                        \
  X(CUresult, cuDeviceGetCount, (int*), "cuDeviceGetCount", true)                                            \
  X(CUresult, cuDeviceGet, (CUdevice*, int), "cuDeviceGet", true)                                            \
  X(CUresult, cuDeviceGetName, (char*, int, CUdevice), "cuDeviceGetName", true)                              \
  X(CUresult, cuDeviceGetAttribute, (int*, int, CUdevice), "cuDeviceGetAttribute", true)                     \
  X(CUresult, cuDeviceTotalMem, (std::size_t*, CUdevice), "cuDeviceTotalMem_v2", true)                       \
  X(CUresult, cuDevicePrimaryCtxRetain, (CUcontext*, CUdevice), "cuDevicePrimaryCtxRetain", true)            \
  X(CUresult, cuDevicePrimaryCtxRelease, (CUdevice), "cuDevicePrimaryCtxRelease_v2|cuDevicePrimaryCtxRelease", \
    false)                                                                                                    \
  X(CUresult, cuCtxSetCurrent, (CUcontext), "cuCtxSetCurrent", true)                                         \
  X(CUresult, cuCtxSynchronize, (), "cuCtxSynchronize", true)                                                \
  X(CUresult, cuMemGetInfo, (std::size_t*, std::size_t*), "cuMemGetInfo_v2", true)                           \
  X(CUresult, cuMemAlloc, (CUdeviceptr*, std::size_t), "cuMemAlloc_v2", true)                                \
  X(CUresult, cuMemFree, (CUdeviceptr), "cuMemFree_v2", true)                                                \
  X(CUresult, cuMemsetD8Async, (CUdeviceptr, unsigned char, std::size_t, CUstream), "cuMemsetD8Async", true) \
  X(CUresult, cuMemcpyHtoDAsync, (CUdeviceptr, const void*, std::size_t, CUstream), "cuMemcpyHtoDAsync_v2",  \
    true)                                                                                                     \
  X(CUresult, cuMemcpyDtoHAsync, (void*, CUdeviceptr, std::size_t, CUstream), "cuMemcpyDtoHAsync_v2", true)  \
  X(CUresult, cuMemcpyDtoDAsync, (CUdeviceptr, CUdeviceptr, std::size_t, CUstream), "cuMemcpyDtoDAsync_v2",  \
    true)                                                                                                     \
  X(CUresult, cuMemHostAlloc, (void**, std::size_t, unsigned), "cuMemHostAlloc", true)                       \
  X(CUresult, cuMemFreeHost, (void*), "cuMemFreeHost", true)                                                 \
  X(CUresult, cuMemHostGetDevicePointer, (CUdeviceptr*, void*, unsigned), "cuMemHostGetDevicePointer_v2",    \
    true)                                                                                                     \
  X(CUresult, cuModuleLoadData, (CUmodule*, const void*), "cuModuleLoadData", true)                          \
  X(CUresult, cuModuleUnload, (CUmodule), "cuModuleUnload", true)                                            \
  X(CUresult, cuModuleGetFunction, (CUfunction*, CUmodule, const char*), "cuModuleGetFunction", true)        \
  X(CUresult, cuLaunchKernel,                                                                                \
    (CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, CUstream, void**,      \
     void**),                                                                                                 \
    "cuLaunchKernel", true)                                                                                   \
  X(CUresult, cuStreamCreate, (CUstream*, unsigned), "cuStreamCreate", true)                                 \
  X(CUresult, cuStreamSynchronize, (CUstream), "cuStreamSynchronize", true)                                  \
  X(CUresult, cuEventCreate, (CUevent*, unsigned), "cuEventCreate", true)                                    \
  X(CUresult, cuEventRecord, (CUevent, CUstream), "cuEventRecord", true)                                     \
  X(CUresult, cuEventSynchronize, (CUevent), "cuEventSynchronize", true)                                     \
  X(CUresult, cuEventElapsedTime, (float*, CUevent, CUevent), "cuEventElapsedTime_v2|cuEventElapsedTime",    \
    true)                                                                                                     \
  X(CUresult, cuEventDestroy, (CUevent), "cuEventDestroy_v2", true)                                          \
  X(CUresult, cuGetErrorName, (CUresult, const char**), "cuGetErrorName", false)                             \
  X(CUresult, cuGetErrorString, (CUresult, const char**), "cuGetErrorString", false)                         \
  X(CUresult, cuDeviceGetPCIBusId, (char*, int, CUdevice), "cuDeviceGetPCIBusId", false)

// NVRTC
using nvrtcResult = int;  // NVRTC_SUCCESS = 0
typedef struct _nvrtcProgram* nvrtcProgram;
#define DUET_CU_NVRTC_SYMBOLS(X)                                                                         \
  X(nvrtcResult, nvrtcVersion, (int*, int*), "nvrtcVersion", true)                                      \
  X(nvrtcResult, nvrtcCreateProgram,                                                                    \
    (nvrtcProgram*, const char*, const char*, int, const char* const*, const char* const*),             \
    "nvrtcCreateProgram", true)                                                                          \
  X(nvrtcResult, nvrtcCompileProgram, (nvrtcProgram, int, const char* const*), "nvrtcCompileProgram", true) \
  X(nvrtcResult, nvrtcGetProgramLogSize, (nvrtcProgram, std::size_t*), "nvrtcGetProgramLogSize", true)  \
  X(nvrtcResult, nvrtcGetProgramLog, (nvrtcProgram, char*), "nvrtcGetProgramLog", true)                 \
  /* nvrtcGetCUBIN*: NVRTC 11.1+ */                                                                      \
  X(nvrtcResult, nvrtcGetCUBINSize, (nvrtcProgram, std::size_t*), "nvrtcGetCUBINSize", true)            \
  X(nvrtcResult, nvrtcGetCUBIN, (nvrtcProgram, char*), "nvrtcGetCUBIN", true)                           \
  X(nvrtcResult, nvrtcDestroyProgram, (nvrtcProgram*), "nvrtcDestroyProgram", true)                     \
  X(const char*, nvrtcGetErrorString, (nvrtcResult), "nvrtcGetErrorString", true)

// NVML (optional: driver version string, PCIe link)
using nvmlReturn_t = int;
typedef struct nvmlDevice_st* nvmlDevice_t;
#define DUET_CU_NVML_SYMBOLS(X)                                                                          \
  X(nvmlReturn_t, nvmlInit, (), "nvmlInit_v2|nvmlInit", true)                                            \
  X(nvmlReturn_t, nvmlShutdown, (), "nvmlShutdown", true)                                                \
  X(nvmlReturn_t, nvmlSystemGetDriverVersion, (char*, unsigned), "nvmlSystemGetDriverVersion", false)    \
  X(nvmlReturn_t, nvmlDeviceGetHandleByPciBusId, (const char*, nvmlDevice_t*),                           \
    "nvmlDeviceGetHandleByPciBusId_v2|nvmlDeviceGetHandleByPciBusId", false)                             \
  X(nvmlReturn_t, nvmlDeviceGetCurrPcieLinkGeneration, (nvmlDevice_t, unsigned*),                        \
    "nvmlDeviceGetCurrPcieLinkGeneration", false)                                                        \
  X(nvmlReturn_t, nvmlDeviceGetCurrPcieLinkWidth, (nvmlDevice_t, unsigned*), "nvmlDeviceGetCurrPcieLinkWidth", false)

#define DUET_CU_FIELD(ret, name, params, names, required) ret(*name) params;
// Pointer tables. Required symbols are all present once loaded; optional ones may be null.
struct DriverApi {
  DUET_CU_DRIVER_SYMBOLS(DUET_CU_FIELD)
};
struct NvrtcApi {
  DUET_CU_NVRTC_SYMBOLS(DUET_CU_FIELD)
};
struct NvmlApi {
  DUET_CU_NVML_SYMBOLS(DUET_CU_FIELD)
};
#undef DUET_CU_FIELD

// The dlsym tables generated from the lists above, in the lists' order.
const SymbolSpec* driverSymbols(std::size_t* count);
const SymbolSpec* nvrtcSymbols(std::size_t* count);
const SymbolSpec* nvmlSymbols(std::size_t* count);

// Default library names, tried in order (overridable with DUET_LIBCUDA / DUET_NVRTC / DUET_NVML).
std::vector<std::string> driverLibraryNames();
std::vector<std::string> nvrtcLibraryNames();
std::string nvrtcBuiltinsBeside(const std::string& nvrtcPath, int major, int minor);
std::vector<std::string> nvmlLibraryNames();

// "CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered" — from cuGetErrorName /
// cuGetErrorString when the driver has them, else from the built-in table.
std::string cuErrorText(const DriverApi* api, CUresult r);
// Built-in name of a CUresult ("CUDA_ERROR_<n>" shape for unknown values).
std::string cuErrorNameFallback(CUresult r);
// Errors after which the context is unusable (CUDA Driver API: "the context cannot be used, so it
// must be destroyed (and a new one should be created)"): report and exit for a clean restart.
bool cuIsSticky(CUresult r);

}  // namespace cu
}  // namespace duet
