// File names of the vendor libraries the executor dlopens (dynlib.h), per platform: the CUDA
// driver, NVRTC and NVML. Linux (x86-64 and aarch64, WSL2 included) uses sonames; macOS uses
// .dylib names in the CUDA toolkit's lib/ folder. Only names live here: the search order and the
// environment overrides (DUET_LIBCUDA, DUET_NVRTC, DUET_NVML) stay in cuda_api.cpp.
#pragma once
#include <string>
#include <vector>

namespace duet {
namespace platform {

// The driver library, most specific first.
std::vector<std::string> cudaDriverLibraries();
// NVRTC file names, newest major version first, without a folder.
std::vector<std::string> nvrtcLibraries();
// The folder inside a CUDA toolkit (CUDA_HOME) that holds its libraries: "lib64" or "lib".
const char* cudaLibSubdir();
// The NVRTC builtins library NVRTC opens by name (NVRTC guide, "Deployment").
std::string nvrtcBuiltinsLibrary(int major, int minor);
// NVML; empty where NVIDIA ships none (macOS).
std::vector<std::string> nvmlLibraries();

}  // namespace platform
}  // namespace duet
