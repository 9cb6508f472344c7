// CUDA host paths that run without a GPU: library loading failures, the symbol table, error
// names, compiling to CUBIN with nvcc when it is installed.
#include <algorithm>
#include <cstdlib>
#include <dlfcn.h>

#include "check.h"
#include "cuda_api.h"
#include "cuda_backend.h"
#include "cuda_compiler.h"
#include "dynlib.h"
#include "pinned_arena.h"
#include "subprocess.h"

using namespace duet;

TEST(open_library_reports_every_try) {
  std::string why;
  void* h = openLibrary({"/nonexistent/libcuda.so.1", "/nonexistent/libcuda.so"}, &why);
  CHECK(h == nullptr);
  CHECK(why.find("/nonexistent/libcuda.so.1 not found (") == 0);
  CHECK(why.find("/nonexistent/libcuda.so:") != std::string::npos);
}

namespace {
struct FakeTable {
  void* strlenFn;
  void* alternative;
  void* optional;
  void* required;
};
}  // namespace

TEST(symbol_table_required_optional_alternatives) {
  std::string why;
  void* libc = openLibrary({"libc.so.6"}, &why);
  CHECK(libc != nullptr);
  if (!libc) return;
  const SymbolSpec ok[] = {
      {"strlen", offsetof(FakeTable, strlenFn), true},
      {"duet_no_such_v2|strcmp", offsetof(FakeTable, alternative), true},
      {"duet_no_such_optional", offsetof(FakeTable, optional), false},
  };
  FakeTable t{};
  std::vector<std::string> missingOptional;
  CHECK(loadSymbols(libc, ok, 3, &t, &missingOptional).empty());
  CHECK(t.strlenFn == dlsym(libc, "strlen"));
  CHECK(t.alternative == dlsym(libc, "strcmp"));
  CHECK(t.optional == nullptr);
  CHECK(missingOptional.size() == 1 && missingOptional[0] == "duet_no_such_optional");
  const SymbolSpec bad[] = {
      {"strlen", offsetof(FakeTable, strlenFn), true},
      {"cuInit", offsetof(FakeTable, required), true},
      {"cuMemAlloc_v2|cuMemAlloc", offsetof(FakeTable, alternative), true},
  };
  CHECK_EQ(loadSymbols(libc, bad, 3, &t), std::string("missing symbols: cuInit, cuMemAlloc_v2"));
  // The real driver table against a library that is not libcuda: every required symbol missing.
  cu::DriverApi api{};
  std::size_t n = 0;
  const SymbolSpec* specs = cu::driverSymbols(&n);
  std::string missing = loadSymbols(libc, specs, n, &api);
  CHECK(missing.find("cuInit") != std::string::npos);
  CHECK(missing.find("cuMemAlloc_v2") != std::string::npos);
  CHECK(missing.find("cuGetErrorName") == std::string::npos);  // optional
  dlclose(libc);
}

TEST(driver_symbol_table_uses_versioned_names) {
  std::size_t n = 0;
  const SymbolSpec* specs = cu::driverSymbols(&n);
  auto find = [&](const std::string& name) {
    for (std::size_t i = 0; i < n; i++)
      if (std::string(specs[i].names).find(name) != std::string::npos) return &specs[i];
    return static_cast<const SymbolSpec*>(nullptr);
  };
  for (const char* v2 : {"cuMemAlloc_v2", "cuMemFree_v2", "cuMemGetInfo_v2", "cuDeviceTotalMem_v2", "cuMemcpyHtoDAsync_v2",
                         "cuMemHostGetDevicePointer_v2", "cuEventDestroy_v2"}) {
    const SymbolSpec* s = find(v2);
    CHECK(s != nullptr && s->required);
  }
  CHECK(find("cuGetErrorString") && !find("cuGetErrorString")->required);
  CHECK(find("cuDevicePrimaryCtxRetain") && find("cuDevicePrimaryCtxRetain")->required);
  // Stream-ordered calls carry no _v2 suffix (cuda.h: cuMemsetD8Async → cuMemsetD8Async).
  CHECK(find("cuMemsetD8Async") && std::string(find("cuMemsetD8Async")->names) == "cuMemsetD8Async");
}

TEST(cuda_error_names) {
  CHECK_EQ(cu::cuErrorNameFallback(700), std::string("CUDA_ERROR_ILLEGAL_ADDRESS"));
  CHECK_EQ(cu::cuErrorNameFallback(719), std::string("CUDA_ERROR_LAUNCH_FAILED"));
  CHECK_EQ(cu::cuErrorNameFallback(2), std::string("CUDA_ERROR_OUT_OF_MEMORY"));
  CHECK_EQ(cu::cuErrorNameFallback(12345), std::string("CUDA_ERROR_12345"));
  CHECK_EQ(cu::cuErrorText(nullptr, 100), std::string("CUDA_ERROR_NO_DEVICE (100)"));
  // With the driver's own functions present, their name and message are used.
  cu::DriverApi api{};
  api.cuGetErrorName = [](cu::CUresult, const char** s) -> cu::CUresult {
    *s = "CUDA_ERROR_FROM_DRIVER";
    return 0;
  };
  api.cuGetErrorString = [](cu::CUresult, const char** s) -> cu::CUresult {
    *s = "described by the driver";
    return 0;
  };
  CHECK_EQ(cu::cuErrorText(&api, 700), std::string("CUDA_ERROR_FROM_DRIVER: described by the driver"));
  api.cuGetErrorName = [](cu::CUresult, const char**) -> cu::CUresult { return 1; };
  CHECK_EQ(cu::cuErrorText(&api, 700), std::string("CUDA_ERROR_ILLEGAL_ADDRESS: described by the driver"));
  CHECK(cu::cuIsSticky(700) && cu::cuIsSticky(719) && cu::cuIsSticky(702) && cu::cuIsSticky(716));
  CHECK(!cu::cuIsSticky(2) && !cu::cuIsSticky(1) && !cu::cuIsSticky(0) && !cu::cuIsSticky(218));
}

TEST(cuda_backend_without_driver_says_no_device) {
  setenv("DUET_LIBCUDA", "/nonexistent/libcuda.so.1", 1);
  std::string why;
  auto b = makeCudaBackend("/tmp", &why);
  unsetenv("DUET_LIBCUDA");
  CHECK(b == nullptr);
  CHECK(why.find("no CUDA device: /nonexistent/libcuda.so.1 not found (") == 0);
}

TEST(nvrtc_library_names_are_versioned) {
  // This process's own CUDA_HOME / CUDA_PATH, put back at the end: other tests look for nvcc by them.
  std::string saved[2];
  const char* vars[2] = {"CUDA_HOME", "CUDA_PATH"};
  for (int i = 0; i < 2; i++) {
    if (const char* v = std::getenv(vars[i])) saved[i] = v;
    unsetenv(vars[i]);
  }
  std::vector<std::string> names;
  // Position of `n` in the list; a name that is not there fails the test rather than compare as "last".
  const auto at = [&](const std::string& n) {
    const auto it = std::find(names.begin(), names.end(), n);
    CHECK(it != names.end());
    return it - names.begin();
  };
  names = cu::nvrtcLibraryNames();
  CHECK(names.front() == "libnvrtc.so.13" && names.back() == "/usr/local/cuda/lib64/libnvrtc.so");
  // Newest version first wherever it is: a 12 on the loader path never beats a 13 in /usr/local/cuda.
  CHECK(at("libnvrtc.so.13") < at("/usr/local/cuda/lib64/libnvrtc.so.13"));
  CHECK(at("/usr/local/cuda/lib64/libnvrtc.so.13") < at("libnvrtc.so.12"));
  CHECK(at("libnvrtc.so.12") < at("libnvrtc.so.11.2") && at("libnvrtc.so.11.2") < at("libnvrtc.so"));
  // The toolkit CUDA_HOME names comes first, every version of it: it is the one matching the driver.
  setenv("CUDA_HOME", "/opt/cuda-12.4", 1);
  setenv("CUDA_PATH", "/opt/cuda-other", 1);
  names = cu::nvrtcLibraryNames();
  unsetenv("CUDA_HOME");
  unsetenv("CUDA_PATH");
  CHECK(names.front() == "/opt/cuda-12.4/lib64/libnvrtc.so.13");
  CHECK(at("/opt/cuda-12.4/lib64/libnvrtc.so.12") < at("/opt/cuda-other/lib64/libnvrtc.so.13"));
  CHECK(at("/opt/cuda-other/lib64/libnvrtc.so") < at("libnvrtc.so.13"));
  // A Python wheel's NVRTC only when no toolkit has one.
  setenv("DUET_NVRTC_FALLBACK", "/w/a/libnvrtc.so.12::/w/b/libnvrtc.so.13", 1);
  names = cu::nvrtcLibraryNames();
  unsetenv("DUET_NVRTC_FALLBACK");
  CHECK(at("/usr/local/cuda/lib64/libnvrtc.so") < at("/w/a/libnvrtc.so.12"));
  CHECK(names.back() == "/w/b/libnvrtc.so.13" && names.size() == 10);
  for (int i = 0; i < 2; i++)
    if (!saved[i].empty()) setenv(vars[i], saved[i].c_str(), 1);
  // DUET_NVRTC: exactly that library, nothing else.
  setenv("DUET_NVRTC", "/x/libnvrtc.so", 1);
  setenv("DUET_NVRTC_FALLBACK", "/w/libnvrtc.so.12", 1);
  CHECK(cu::nvrtcLibraryNames() == std::vector<std::string>{"/x/libnvrtc.so"});
  unsetenv("DUET_NVRTC");
  unsetenv("DUET_NVRTC_FALLBACK");
}

TEST(nvrtc_builtins_are_looked_for_beside_nvrtc_found_by_path) {
  CHECK(cu::nvrtcBuiltinsBeside("/opt/cuda/lib64/libnvrtc.so.13", 13, 0) == "/opt/cuda/lib64/libnvrtc-builtins.so.13.0");
  CHECK(cu::nvrtcBuiltinsBeside("/w/nvidia/cuda_nvrtc/lib/libnvrtc.so.12", 12, 4) ==
        "/w/nvidia/cuda_nvrtc/lib/libnvrtc-builtins.so.12.4");
  // Found by the loader: the loader finds the builtins the same way.
  CHECK(cu::nvrtcBuiltinsBeside("libnvrtc.so.13", 13, 0).empty());
}

TEST(nvcc_compiles_generated_abi_to_cubin) {
  if (findNvcc().empty()) return duettest::skip("nvcc not installed");
  CudaCompiler c;
  CHECK(c.init(false).empty());
  CHECK(!c.usesNvrtc());
  CHECK(c.version().find("nvcc") == 0);
  const std::string src =
      "#define DUET_MAX_SLOTS 64\n"
      "struct DuetParams { unsigned char* slot[DUET_MAX_SLOTS]; unsigned long long slotBytes[DUET_MAX_SLOTS];\n"
      "  unsigned int numWorkgroups[3]; unsigned int* control; };\n"
      "extern \"C\" __global__ void duet_k_main(DuetParams p) {\n"
      "  float* y = (float*)p.slot[0]; unsigned i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < p.slotBytes[0] / 4) y[i] = y[i] * 2.0f + 1.0f;\n"
      "  if (*(volatile unsigned*)&p.control[0]) atomicOr(&p.control[1], 2u); }\n";
  CudaCompileResult r = c.compile(src, "sm_90", false, "/tmp");
  CHECK(r.ok);
  CHECK(r.cubin.size() > 4 && r.cubin.compare(0, 4, "\x7f" "ELF") == 0);
  CudaCompileResult bad = c.compile("extern \"C\" __global__ void k( { }", "sm_90", false, "/tmp");
  CHECK(!bad.ok);
  CHECK(bad.log.find("error") != std::string::npos);
}

namespace {
// cuMemHostAlloc / cuMemFreeHost stand-ins: plain heap memory, every call counted.
int fakeAllocs = 0, fakeFrees = 0;
bool fakeAllocFails = false;
cu::CUresult fakeHostAlloc(void** p, std::size_t bytes, unsigned) {
  if (fakeAllocFails) return cu::CUDA_ERROR_OUT_OF_MEMORY;
  fakeAllocs++;
  *p = std::malloc(bytes);
  return cu::CUDA_SUCCESS;
}
cu::CUresult fakeFreeHost(void* p) {
  fakeFrees++;
  std::free(p);
  return cu::CUDA_SUCCESS;
}
}  // namespace

TEST(pinned_arena_keeps_grows_and_trims) {
  cu::DriverApi api{};
  api.cuMemHostAlloc = fakeHostAlloc;
  api.cuMemFreeHost = fakeFreeHost;
  fakeAllocs = fakeFrees = 0;
  const std::size_t MiB = PinnedArena::kGranule;
  {
    PinnedArena arena(&api, 4 * MiB);
    unsigned char* a = nullptr;
    CHECK_EQ(arena.reserve(100, &a), cu::CUDA_SUCCESS);
    CHECK(a != nullptr);
    CHECK_EQ(arena.capacity(), MiB);  // rounded up to the granule
    a[MiB - 1] = 7;                    // the whole granule is usable
    unsigned char* b = nullptr;
    CHECK_EQ(arena.reserve(MiB, &b), cu::CUDA_SUCCESS);
    CHECK(b == a);  // fits: the same memory, no new allocation
    CHECK_EQ(fakeAllocs, 1);
    arena.trim();  // within the retain size: kept for the next run
    CHECK_EQ(arena.capacity(), MiB);
    CHECK_EQ(arena.reserve(3 * MiB + 1, &b), cu::CUDA_SUCCESS);
    CHECK_EQ(arena.capacity(), 4 * MiB);
    CHECK_EQ(fakeAllocs, 2);
    CHECK_EQ(fakeFrees, 1);  // the smaller buffer went back before the larger one was pinned
    arena.trim();
    CHECK_EQ(arena.capacity(), 4 * MiB);  // exactly the retain size: kept
    CHECK_EQ(arena.reserve(5 * MiB, &b), cu::CUDA_SUCCESS);
    arena.trim();  // past the retain size: given back after the run
    CHECK_EQ(arena.capacity(), static_cast<std::size_t>(0));
    CHECK_EQ(fakeFrees, 3);
    fakeAllocFails = true;
    b = a;
    CHECK_EQ(arena.reserve(10, &b), cu::CUDA_ERROR_OUT_OF_MEMORY);
    CHECK(b == nullptr);
    CHECK_EQ(arena.capacity(), static_cast<std::size_t>(0));
    fakeAllocFails = false;
    CHECK_EQ(arena.reserve(10, &b), cu::CUDA_SUCCESS);
  }
  CHECK_EQ(fakeAllocs, fakeFrees);  // the destructor gives back what it holds
}
