// duet-executor: runs generated kernels for the daemon. Frames on stdin/stdout (contracts §4),
// logs on stderr.
//   duet-executor --backend cpu|cuda|auto [--cache-dir DIR] [--threads N] [--progress-window-ms MS]
//                 [--no-sandbox] [--require-sandbox]
// Before `ready` it locks itself down (sandbox.h: wall 3) and says which walls are up; compiling
// is done by a separate, confined helper process (compile_helper.h).
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>

#include "backend.h"
#include "compile_helper.h"
#include "cpu_backend.h"
#include "crash.h"
#include "cuda_backend.h"
#include "errors.h"
#include "frame.h"
#include "frame_dispatch.h"
#include "kernel_cache.h"
#include "log.h"
#include "platform/parent_death.h"
#include "progress_pacer.h"
#include "sandbox.h"
#include "stdio_buffer.h"

#ifndef DUET_EXECUTOR_VERSION
#error "DUET_EXECUTOR_VERSION (package.json's version) is passed by scripts/build-executor.mjs"
#endif

using namespace duet;

namespace {

struct Options {
  std::string backend = "auto";
  std::string cacheDir;
  unsigned threads = 0;
  double progressWindowMs = kProgressWindowMs;
  bool sandbox = true;          // --no-sandbox: every wall reported down (debugging only)
  bool requireSandbox = false;  // --require-sandbox: fatal instead of `ready` when a wall is down
};

[[noreturn]] void fatal(FrameWriter& out, const std::string& message, int code = 1) {
  logf("fatal: %s", message.c_str());
  Json h = Json::object();
  h.set("type", "fatal").set("message", message).set("version", DUET_EXECUTOR_VERSION);
  out.send(h);
  std::exit(code);
}

void sendError(FrameWriter& out, const std::string& id, const RunError& e) {
  Json h = Json::object();
  h.set("type", "error");
  if (!id.empty()) h.set("id", id);
  h.set("code", e.code).set("message", std::string(e.what())).set("fatal", e.fatal);
  if (!e.log.empty()) h.set("log", e.log);
  out.send(h);
}

bool parseArgs(int argc, char** argv, Options& o, std::string& why) {
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        why = std::string(name) + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    if (a == "--backend") {
      const char* v = value("--backend");
      if (!v) return false;
      o.backend = v;
      if (o.backend != "cpu" && o.backend != "cuda" && o.backend != "auto") {
        why = "--backend must be cpu, cuda or auto (got " + o.backend + ")";
        return false;
      }
    } else if (a == "--cache-dir") {
      const char* v = value("--cache-dir");
      if (!v) return false;
      o.cacheDir = v;
    } else if (a == "--threads") {
      const char* v = value("--threads");
      if (!v) return false;
      o.threads = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
    } else if (a == "--progress-window-ms") {
      // 0: every phase is written as it begins (the fault tests hold the executor inside one).
      const char* v = value("--progress-window-ms");
      if (!v) return false;
      char* end = nullptr;
      o.progressWindowMs = std::strtod(v, &end);
      if (end == v || *end || !(o.progressWindowMs >= 0 && o.progressWindowMs <= 60000)) {
        why = std::string("--progress-window-ms must be a number of ms from 0 to 60000 (got ") + v + ")";
        return false;
      }
    } else if (a == "--no-sandbox") {
      o.sandbox = false;
    } else if (a == "--require-sandbox") {
      o.requireSandbox = true;
    } else {
      why = "unknown argument " + a +
            " (usage: duet-executor --backend cpu|cuda|auto [--cache-dir DIR] [--threads N] [--progress-window-ms MS] [--no-sandbox] [--require-sandbox])";
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  platform::dieWithParent(::getppid());  // die with the daemon
  signal(SIGPIPE, SIG_IGN);
  growWriteBuffer(1, 1 << 20);  // outputs to the daemon (stdio_buffer.h)
  FrameWriter out(1);
  installCrashHandlers(1);

  Options opt;
  std::string why;
  if (!parseArgs(argc, argv, opt, why)) fatal(out, why);
  if (opt.cacheDir.empty()) opt.cacheDir = defaultCacheDir();

  makeDirs(opt.cacheDir);  // the helper fills it; made now so the sandbox's rules can name it
  // The compiler helper is forked first, while this process has a single thread.
  std::string helperWhy;
  std::unique_ptr<CompilerHelper> helper = CompilerHelper::start(opt.cacheDir, opt.backend != "cpu", &helperWhy);
  if (!helper) logf("no compiler helper (%s): compiling in this process", helperWhy.c_str());

  SandboxStatus walls;
  // The network namespace first, while this process has one thread: the CUDA driver's threads
  // start in it too (and, not root, a user namespace needs a single thread).
  SandboxStatus early;
  if (opt.sandbox && helper) enterNetworkNamespace(early);
  // Applies every other wall it can (sandbox.h) and says which are up. Without a compiler helper
  // the backend compiles in this process, which must then keep exec and write access: no lock-down.
  auto lockDown = [&](SandboxMode mode) {
    if (opt.sandbox && helper) {
      SandboxOptions so;
      so.mode = mode;
      so.cacheDir = opt.cacheDir;
      so.helperFd = helper->fd();
      so.netnsEntered = true;
      walls = applyRunnerSandbox(so);
      walls.netns = early.netns;
      walls.notes.insert(walls.notes.begin(), early.notes.begin(), early.notes.end());
    } else {
      walls.notes.push_back(!opt.sandbox ? "sandbox turned off (--no-sandbox)" : "no sandbox without a compiler helper");
    }
    walls.compilerSeparated = helper != nullptr;
    if (!helper) walls.notes.push_back("compilerSeparated: " + helperWhy);
    else for (const auto& n : helper->notes()) walls.notes.push_back("compiler helper: " + n);
  };

  std::unique_ptr<Backend> backend;
  std::string cudaWhy;
  if (opt.backend == "cuda" || opt.backend == "auto") {
    backend = makeCudaBackend(opt.cacheDir, &cudaWhy, helper.get());
    if (!backend && opt.backend == "cuda") fatal(out, cudaWhy);
    if (!backend) logf("no CUDA backend (%s); using CPU emulation", cudaWhy.c_str());
    // The driver is up (its threads started: landlock reaches only the threads this process
    // starts from now on; seccomp, the uid and the network namespace reach all).
    if (backend) lockDown(SandboxMode::Cuda);
  }
  if (!backend) {
    // Locked down before the thread pool starts, so every worker inherits each wall.
    lockDown(SandboxMode::Cpu);
    try {
      backend = std::make_unique<CpuBackend>(opt.cacheDir, opt.threads, helper.get());
    } catch (const std::exception& e) {
      fatal(out, e.what());
    }
  }

  if (opt.requireSandbox) {
    std::string down;
    const std::pair<const char*, bool> all[] = {{"seccomp", walls.seccomp}, {"landlock", walls.landlock},
                                                {"noNewPrivs", walls.noNewPrivs}, {"uid", walls.uid},
                                                {"netns", walls.netns}, {"rlimits", walls.rlimits},
                                                {"compilerSeparated", walls.compilerSeparated}};
    for (const auto& [name, up] : all)
      if (!up) down += (down.empty() ? "" : ", ") + std::string(name);
    std::string notes;
    for (const auto& n : walls.notes) notes += (notes.empty() ? "" : "; ") + n;
    if (!down.empty()) fatal(out, "the executor's sandbox is incomplete (DOWN: " + down + (notes.empty() ? "" : " — " + notes) + ") and --require-sandbox was given");
  }

  RunControl control;
  Watchdog watchdog(control, [&out](double limitMs) {
    Json h = Json::object();
    h.set("type", "error").set("code", "time-limit").set("fatal", true)
        .set("message", timeLimitMessage(limitMs) + "; the kernel did not stop at the abort flag, restarting the executor");
    out.send(h);
    _exit(4);
  });

  Json ready = Json::object();
  ready.set("type", "ready").set("backend", backend->name()).set("device", backend->deviceInfo())
      .set("version", DUET_EXECUTOR_VERSION).set("abiVersion", 1).set("pid", static_cast<long long>(::getpid()));
  if (!cudaWhy.empty() && opt.backend == "auto") ready.set("fallbackReason", cudaWhy);
  ready.set("sandbox", walls.toJson());
  out.send(ready);
  logf("ready: backend %s, cache %s", backend->name(), opt.cacheDir.c_str());
  for (const auto& n : walls.notes) logf("sandbox: %s", n.c_str());

  ProgressPacer progress(out, opt.progressWindowMs);
  RunEnv env(out, control, watchdog, progress);
  auto handle = [&](Frame& f) {
    const std::string type = f.type();
    if (type == "run") {
      std::string id = f.header["id"].str();
      try {
        RunRequest req = parseRunRequest(std::move(f));
        if (control.takeEarlyCancel(req.id)) throw RunError("aborted", "the run was cancelled");
        backend->run(req, env);
      } catch (const RunError& e) {
        sendError(out, id, e);
        if (e.fatal) {
          logf("fatal run error: %s", e.what());
          std::_Exit(3);
        }
      } catch (const std::bad_alloc&) {
        sendError(out, id, RunError("device", "out of host memory"));
      } catch (const std::exception& e) {
        sendError(out, id, RunError("internal", e.what()));
      }
    } else if (type == "health") {
      try {
        out.send(backend->health());
      } catch (const RunError& e) {
        Json h = Json::object();
        h.set("type", "health").set("ok", false).set("message", std::string(e.what()));
        out.send(h);
        if (e.fatal) std::_Exit(3);
      }
    } else {
      sendError(out, f.header["id"].str(), RunError("internal", "unknown frame type \"" + type + "\""));
    }
  };
  FrameDispatch frames(0, {handle, [&control](const std::string& id) { control.cancel(id); },
                           // The daemon is gone or restarting us: a run in progress stops now.
                           [&control](const std::string&) { control.raise(AbortReason::Cancel); }});
  why = frames.run();
  if (why.empty()) {
    logf("stdin closed; exiting");
    std::_Exit(0);
  }
  sendError(out, "", RunError("internal", "protocol: " + why + "; exiting", "", true));
  std::_Exit(2);
}
