// CPU emulation backend: compiles the generated CPU source with g++ into a shared object (cached
// on disk by content hash, kept loaded in an LRU), runs workgroups on a thread pool.
#pragma once
#include <memory>
#include <string>

#include "backend.h"
#include "host_buffers.h"
#include "kernel_cache.h"
#include "thread_pool.h"

namespace duet {

struct CpuModule;
class CompilerHelper;

// The g++ side of the CPU backend, separate so tests can use it without running anything.
struct CpuCompiler {
  std::string cxx;      // path of the compiler
  std::string version;  // first line of `cxx --version`
  bool gcc = false;
  std::vector<std::string> flags(bool fma) const;
  // Finds the compiler ($DUET_CXX, else g++); returns "" or why there is none.
  std::string detect();
};

class CpuBackend : public Backend {
 public:
  // Throws std::runtime_error when there is no C++ compiler or no usable cache dir. With a
  // compiler helper (compile_helper.h), compiling and the disk cache are the helper's: this
  // process only dlopens the module fds it receives (it may be sandboxed: no exec, no writes).
  CpuBackend(const std::string& cacheDir, unsigned threads, CompilerHelper* helper = nullptr);
  ~CpuBackend() override;
  const char* name() const override { return "cpu"; }
  Json deviceInfo() override;
  void run(RunRequest& req, RunEnv& env) override;
  Json health() override;

 private:
  std::shared_ptr<CpuModule> load(const RunRequest& req, bool& cacheHit);
  std::shared_ptr<CpuModule> loadViaHelper(const RunRequest& req, const std::string& key, bool& cacheHit);
  std::string dir_;
  CpuCompiler cc_;
  CompilerHelper* helper_ = nullptr;
  std::unique_ptr<ThreadPool> pool_;
  LruCache<CpuModule> modules_{16};
  // Declared after nothing that outlives it: run()'s buffers are all returned before ~CpuBackend.
  HostBufferPool buffers_{HostBufferPool::defaultCap()};
};


}  // namespace duet
