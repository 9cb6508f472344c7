// Generated CUDA source → CUBIN for one architecture: NVRTC when its library loads
// (nvrtcGetCUBIN with --gpu-architecture=sm_XY gives SASS, no JIT at load), else `nvcc -cubin`.
#pragma once
#include <string>
#include <vector>

#include "cuda_api.h"

namespace duet {

struct CudaCompileResult {
  bool ok = false;
  std::string cubin;  // ELF image for cuModuleLoadData
  std::string log;    // compiler diagnostics (also on success: warnings)
};

class CudaCompiler {
 public:
  ~CudaCompiler();
  // Loads NVRTC or finds nvcc; returns "" or why neither is there.
  std::string init(bool allowNvrtc = true);
  bool usesNvrtc() const { return nvrtc_ != nullptr; }
  // "nvrtc 12.4" / first meaningful line of `nvcc --version`; part of cache keys.
  const std::string& version() const { return version_; }
  std::vector<std::string> options(const std::string& arch, bool fma) const;
  CudaCompileResult compile(const std::string& source, const std::string& arch, bool fma, const std::string& tmpDir) const;

 private:
  CudaCompileResult compileNvrtc(const std::string& source, const std::vector<std::string>& opts) const;
  CudaCompileResult compileNvcc(const std::string& source, const std::string& arch, bool fma, const std::string& tmpDir) const;
  void* nvrtc_ = nullptr;
  void* builtins_ = nullptr;  // libnvrtc-builtins from NVRTC's own folder, when found by path
  cu::NvrtcApi api_{};
  std::string nvcc_;
  std::string version_;
};

std::string findNvcc();

}  // namespace duet
