#include "library_names.h"

namespace duet {
namespace platform {

#if defined(__APPLE__)
// CUDA for macOS (last release 10.2) installs into /usr/local/cuda/lib with .dylib names; the
// driver comes with NVIDIA's CUDA driver package. NVML was never shipped for macOS.
std::vector<std::string> cudaDriverLibraries() {
  return {"/usr/local/cuda/lib/libcuda.dylib", "libcuda.dylib",
          "/Library/Frameworks/CUDA.framework/Versions/A/Libraries/libcuda_latest.dylib"};
}
std::vector<std::string> nvrtcLibraries() { return {"libnvrtc.dylib"}; }
const char* cudaLibSubdir() { return "lib"; }
std::string nvrtcBuiltinsLibrary(int major, int minor) {
  return "libnvrtc-builtins." + std::to_string(major) + "." + std::to_string(minor) + ".dylib";
}
std::vector<std::string> nvmlLibraries() { return {}; }
#else
// Linux: the driver's soname; on WSL2 the driver's libraries sit in /usr/lib/wsl/lib (normally on
// the loader's path through /etc/ld.so.conf.d, named here for when it is not).
std::vector<std::string> cudaDriverLibraries() { return {"libcuda.so.1", "/usr/lib/wsl/lib/libcuda.so.1"}; }
std::vector<std::string> nvrtcLibraries() {
  return {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"};
}
const char* cudaLibSubdir() { return "lib64"; }
std::string nvrtcBuiltinsLibrary(int major, int minor) {
  return "libnvrtc-builtins.so." + std::to_string(major) + "." + std::to_string(minor);
}
std::vector<std::string> nvmlLibraries() { return {"libnvidia-ml.so.1", "/usr/lib/wsl/lib/libnvidia-ml.so.1"}; }
#endif

}  // namespace platform
}  // namespace duet
