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

// Driver API table. Required symbols must all be present; optional ones may be null.
struct DriverApi {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDriverGetVersion)(int*);
  CUresult (*cuDeviceGetCount)(int*);
  CUresult (*cuDeviceGet)(CUdevice*, int);
  CUresult (*cuDeviceGetName)(char*, int, CUdevice);
  CUresult (*cuDeviceGetAttribute)(int*, int, CUdevice);
  CUresult (*cuDeviceTotalMem)(std::size_t*, CUdevice);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext*, CUdevice);
  CUresult (*cuDevicePrimaryCtxRelease)(CUdevice);  // optional
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuCtxSynchronize)();
  CUresult (*cuMemGetInfo)(std::size_t*, std::size_t*);
  CUresult (*cuMemAlloc)(CUdeviceptr*, std::size_t);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemsetD8Async)(CUdeviceptr, unsigned char, std::size_t, CUstream);
  CUresult (*cuMemcpyHtoDAsync)(CUdeviceptr, const void*, std::size_t, CUstream);
  CUresult (*cuMemcpyDtoHAsync)(void*, CUdeviceptr, std::size_t, CUstream);
  CUresult (*cuMemcpyDtoDAsync)(CUdeviceptr, CUdeviceptr, std::size_t, CUstream);
  CUresult (*cuMemHostAlloc)(void**, std::size_t, unsigned);
  CUresult (*cuMemFreeHost)(void*);
  CUresult (*cuMemHostGetDevicePointer)(CUdeviceptr*, void*, unsigned);
  CUresult (*cuModuleLoadData)(CUmodule*, const void*);
  CUresult (*cuModuleUnload)(CUmodule);
  CUresult (*cuModuleGetFunction)(CUfunction*, CUmodule, const char*);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, CUstream,
                             void**, void**);
  CUresult (*cuStreamCreate)(CUstream*, unsigned);
  CUresult (*cuStreamSynchronize)(CUstream);
  CUresult (*cuEventCreate)(CUevent*, unsigned);
  CUresult (*cuEventRecord)(CUevent, CUstream);
  CUresult (*cuEventSynchronize)(CUevent);
  CUresult (*cuEventElapsedTime)(float*, CUevent, CUevent);
  CUresult (*cuEventDestroy)(CUevent);
  CUresult (*cuGetErrorName)(CUresult, const char**);    // optional
  CUresult (*cuGetErrorString)(CUresult, const char**);  // optional
  CUresult (*cuDeviceGetPCIBusId)(char*, int, CUdevice);  // optional
};

// NVRTC
using nvrtcResult = int;  // NVRTC_SUCCESS = 0
typedef struct _nvrtcProgram* nvrtcProgram;
struct NvrtcApi {
  nvrtcResult (*nvrtcVersion)(int*, int*);
  nvrtcResult (*nvrtcCreateProgram)(nvrtcProgram*, const char*, const char*, int, const char* const*, const char* const*);
  nvrtcResult (*nvrtcCompileProgram)(nvrtcProgram, int, const char* const*);
  nvrtcResult (*nvrtcGetProgramLogSize)(nvrtcProgram, std::size_t*);
  nvrtcResult (*nvrtcGetProgramLog)(nvrtcProgram, char*);
  nvrtcResult (*nvrtcGetCUBINSize)(nvrtcProgram, std::size_t*);
  nvrtcResult (*nvrtcGetCUBIN)(nvrtcProgram, char*);
  nvrtcResult (*nvrtcDestroyProgram)(nvrtcProgram*);
  const char* (*nvrtcGetErrorString)(nvrtcResult);
};

// NVML (optional: driver version string, PCIe link)
using nvmlReturn_t = int;
typedef struct nvmlDevice_st* nvmlDevice_t;
struct NvmlApi {
  nvmlReturn_t (*nvmlInit)();
  nvmlReturn_t (*nvmlShutdown)();
  nvmlReturn_t (*nvmlSystemGetDriverVersion)(char*, unsigned);
  nvmlReturn_t (*nvmlDeviceGetHandleByPciBusId)(const char*, nvmlDevice_t*);
  nvmlReturn_t (*nvmlDeviceGetCurrPcieLinkGeneration)(nvmlDevice_t, unsigned*);
  nvmlReturn_t (*nvmlDeviceGetCurrPcieLinkWidth)(nvmlDevice_t, unsigned*);
};

// Symbol tables: which names fill which pointer, required or optional (`_v2` names where the
// driver API versions a function: cuMemAlloc_v2, cuMemFree_v2, cuMemGetInfo_v2, …).
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
