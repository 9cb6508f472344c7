#include "backend.h"

#include <cstdio>

#include "crash.h"
#include "errors.h"

namespace duet {

void RunEnv::phase(const std::string& id, const char* phase, unsigned sample, unsigned of) {
  bool running = std::string(phase) == "running";
  if (running && sample != 1 && sample != of && msSince(lastRunning_) < 100) return;
  if (running) lastRunning_ = Clock::now();
  Json h = Json::object();
  h.set("type", "phase").set("id", id).set("phase", phase);
  if (of) h.set("sample", sample).set("of", of);
  progress.post(std::move(h));
}

void RunEnv::result(const Json& header, const std::vector<ByteSpan>& payloads) {
  progress.settle();
  out.send(header, payloads);
}

RunScope::RunScope(RunEnv& env, const RunRequest& req, volatile unsigned* abortWord) : env_(env), req_(req) {
  env_.control.begin(req.id, abortWord);
  crashSetRun(req.id);
}

RunScope::~RunScope() {
  env_.progress.settle();
  env_.watchdog.disarm();
  env_.control.end();
  crashClearRun();
}

void RunScope::checkAbort() const {
  if (!env_.control.raised()) return;
  if (env_.control.reason() == AbortReason::TimeLimit) throw RunError("time-limit", timeLimitMessage(req_.timeLimitMs));
  throw RunError("aborted", "the run was cancelled");
}

Json resultHeader(const RunRequest& req, const RunTimings& t, const std::vector<std::uint64_t>& outputBytes) {
  Json compile = Json::object();
  compile.set("ms", t.compileMs).set("cacheHit", t.cacheHit);
  Json samples = Json::array();
  for (double s : t.samples) samples.push(s);
  Json passes = Json::array();
  for (const auto& p : t.passes) {
    Json ps = Json::array();
    for (double s : p) ps.push(s);
    passes.push(std::move(ps));
  }
  Json kernel = Json::object();
  kernel.set("samples", std::move(samples)).set("passes", std::move(passes)).set("resolutionMs", t.resolutionMs).set("timer", t.timer);
  if (t.l2Flushed) kernel.set("l2Flushed", *t.l2Flushed);
  Json timings = Json::object();
  timings.set("compile", std::move(compile))
      .set("upload", Json::object().set("ms", t.uploadMs))
      .set("download", Json::object().set("ms", t.downloadMs))
      .set("kernel", std::move(kernel));
  Json outputs = Json::array();
  for (std::size_t i = 0; i < req.outputs.size(); i++) {
    outputs.push(Json::object().set("slot", req.outputs[i]).set("bytes", static_cast<unsigned long long>(outputBytes[i])));
  }
  Json h = Json::object();
  h.set("type", "result").set("id", req.id).set("timings", std::move(timings)).set("outputs", std::move(outputs));
  if (!t.warnings.empty()) {
    Json w = Json::array();
    for (const auto& s : t.warnings) w.push(s);
    h.set("warnings", std::move(w));
  }
  return h;
}

std::string timeLimitMessage(double limitMs) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "time limit exceeded after %g s", limitMs / 1000.0);
  return buf;
}

}  // namespace duet
