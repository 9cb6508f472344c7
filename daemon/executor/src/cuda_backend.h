// CUDA backend: driver API loaded at run time (cuda_api.h), primary context, NVRTC/nvcc → CUBIN,
// CUDA-event timing, host-pinned mapped abort word (contracts §3, §4).
#pragma once
#include <memory>
#include <string>

#include "backend.h"

namespace duet {

class CompilerHelper;

// nullptr and *why ("no CUDA device: libcuda.so.1 not found (…)") when there is no usable device.
// With a compiler helper, compiling and the module cache are the helper's (compile_helper.h).
std::unique_ptr<Backend> makeCudaBackend(const std::string& cacheDir, std::string* why, CompilerHelper* helper = nullptr);

}  // namespace duet
