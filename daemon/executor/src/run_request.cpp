#include "run_request.h"

#include <cmath>
#include <set>
#include <utility>

#include "errors.h"
#include "sha256.h"

namespace duet {

namespace {
[[noreturn]] void bad(const std::string& why) { throw RunError("internal", "invalid run frame: " + why); }

bool isUint(const Json& j, double max) {
  double d = j.number(-1);
  return j.isNumber() && d >= 0 && d <= max && d == std::floor(d);
}
unsigned getUint(const Json& j, const std::string& what, double max) {
  if (!isUint(j, max)) bad(what + " must be an integer in [0, " + std::to_string(static_cast<unsigned long long>(max)) + "]");
  return static_cast<unsigned>(j.number());
}
void getDim3(const Json& j, const std::string& what, unsigned out[3], unsigned min, double max) {
  if (!j.isArray() || j.size() < 1 || j.size() > 3) bad(what + " must be a list of 1 to 3 integers");
  for (unsigned d = 0; d < 3; d++) {
    out[d] = d < j.size() ? getUint(j[d], what, max) : 1;
    if (out[d] < min) bad(what + " must be at least " + std::to_string(min));
  }
}
bool isSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}
bool validSymbol(const std::string& s) {
  if (s.size() < 8 || s.size() > 200 || s.compare(0, 7, "duet_k_") != 0) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
}  // namespace

std::vector<std::uint64_t> RunRequest::outputBytesAfterSwaps() const {
  std::uint64_t bytes[kMaxSlots] = {};
  for (const auto& sl : slots) bytes[sl.slot] = sl.bytes;
  for (const auto& p : passes)
    if (p.hasSwap) std::swap(bytes[p.swap[0]], bytes[p.swap[1]]);
  std::vector<std::uint64_t> out;
  for (unsigned s : outputs) out.push_back(bytes[s]);
  return out;
}

int RunRequest::slotIndex(unsigned slot) const {
  for (std::size_t i = 0; i < slots.size(); i++)
    if (slots[i].slot == slot) return static_cast<int>(i);
  return -1;
}

RunRequest parseRunRequest(Frame&& frame) {
  const Json& h = frame.header;
  RunRequest r;
  r.id = h["id"].str();
  if (r.id.empty() || r.id.size() > 200) bad("\"id\" must be a non-empty string");
  // The source travels once per executor: later runs name it by its sha256 alone (contracts §4),
  // so a warm run does not ship, parse and hash ~100 KB of generated text every time.
  r.source = h["source"].str();
  r.sourceHash = h["sourceHash"].str();
  if (!r.sourceHash.empty() && !isSha256Hex(r.sourceHash)) bad("\"sourceHash\" must be a sha256 in 64 lowercase hex digits");
  if (r.source.empty()) {
    if (r.sourceHash.empty()) bad("\"source\" must be the generated source text, or \"sourceHash\" name one sent before");
  } else {
    std::string actual = sha256Hex(r.source);
    if (!r.sourceHash.empty() && r.sourceHash != actual) bad("\"sourceHash\" is not the sha256 of \"source\"");
    r.sourceHash = actual;
  }

  const Json& ks = h["kernels"];
  if (!ks.isArray() || ks.size() == 0) bad("\"kernels\" must list at least one kernel");
  for (std::size_t i = 0; i < ks.size(); i++) {
    KernelSpec k;
    k.symbol = ks[i]["symbol"].str();
    if (!validSymbol(k.symbol)) bad("kernels[" + std::to_string(i) + "].symbol must look like duet_k_<entry>");
    getDim3(ks[i]["workgroupSize"], "kernels[" + std::to_string(i) + "].workgroupSize", k.workgroupSize, 1, kMaxInvocations);
    unsigned long long n = 1ull * k.workgroupSize[0] * k.workgroupSize[1] * k.workgroupSize[2];
    if (n > kMaxInvocations) bad("kernels[" + std::to_string(i) + "].workgroupSize has more than 1024 invocations");
    r.kernels.push_back(k);
  }

  const Json& ss = h["slots"];
  if (!ss.isArray() || ss.size() > kMaxSlots) bad("\"slots\" must be a list of at most 64 slots");
  std::set<unsigned> seen;
  for (std::size_t i = 0; i < ss.size(); i++) {
    SlotSpec s;
    std::string at = "slots[" + std::to_string(i) + "]";
    s.slot = getUint(ss[i]["slot"], at + ".slot", kMaxSlots - 1);
    if (!seen.insert(s.slot).second) bad(at + ".slot appears twice");
    if (!isUint(ss[i]["bytes"], 1ull << 40)) bad(at + ".bytes must be a byte count");
    s.bytes = static_cast<std::uint64_t>(ss[i]["bytes"].number());
    // Optional `kind`: read-only bindings (sampled textures and samplers too) need no restore;
    // unknown or absent → restored.
    const std::string& kind = ss[i]["kind"].str();
    s.restore = !(kind == "uniform" || kind == "storage-read" || kind == "texture" || kind == "sampler");
    r.slots.push_back(s);
  }
  r.payloads = std::move(frame.payloads);
  if (r.payloads.size() < r.slots.size()) bad("expected one payload per slot (empty = zeros)");
  for (std::size_t i = 0; i < r.slots.size(); i++) {
    if (r.payloads[i].size() > r.slots[i].bytes) {
      bad("payload " + std::to_string(i) + " is larger than slot " + std::to_string(r.slots[i].slot));
    }
  }

  const Json& ps = h["passes"];
  if (!ps.isArray() || ps.size() == 0 || ps.size() > 4096) bad("\"passes\" must list 1 to 4096 passes");
  for (std::size_t i = 0; i < ps.size(); i++) {
    PassSpec p;
    std::string at = "passes[" + std::to_string(i) + "]";
    p.kernel = getUint(ps[i]["kernel"], at + ".kernel", static_cast<double>(r.kernels.size() - 1));
    getDim3(ps[i]["dispatch"], at + ".dispatch", p.dispatch, 0, 65535);
    const Json& us = ps[i]["uniforms"];
    if (!us.isNull() && !us.isArray()) bad(at + ".uniforms must be a list");
    for (std::size_t u = 0; u < us.size(); u++) {
      UniformWrite w;
      std::string uat = at + ".uniforms[" + std::to_string(u) + "]";
      w.slot = getUint(us[u]["slot"], uat + ".slot", kMaxSlots - 1);
      int si = r.slotIndex(w.slot);
      if (si < 0) bad(uat + ".slot is not among the slots");
      w.payload = getUint(us[u]["payload"], uat + ".payload", 1e9);
      if (w.payload >= r.payloads.size()) bad(uat + ".payload is not among the payloads");
      if (r.payloads[w.payload].size() > r.slots[static_cast<std::size_t>(si)].bytes) bad(uat + " payload is larger than its slot");
      r.slots[static_cast<std::size_t>(si)].restore = true;
      p.uniforms.push_back(w);
    }
    const Json& sw = ps[i]["swap"];
    if (!sw.isNull()) {
      if (!sw.isArray() || sw.size() != 2) bad(at + ".swap must be two slots");
      for (int k = 0; k < 2; k++) {
        p.swap[k] = getUint(sw[static_cast<std::size_t>(k)], at + ".swap", kMaxSlots - 1);
        const int si = r.slotIndex(p.swap[k]);
        if (si < 0) bad(at + ".swap names a slot that is not among the slots");
        // A swapped binding is written through its partner's name in later passes, so even a
        // read-only one must be restored before every execution.
        r.slots[static_cast<std::size_t>(si)].restore = true;
      }
      p.hasSwap = p.swap[0] != p.swap[1];
    }
    r.passes.push_back(p);
  }
  if (h.has("warmup")) r.warmup = getUint(h["warmup"], "warmup", 1000);
  if (h.has("samples")) r.samples = getUint(h["samples"], "samples", 10000);
  if (r.samples < 1) bad("samples must be at least 1");
  if (h.has("timeLimitMs")) {
    r.timeLimitMs = h["timeLimitMs"].number(-1);
    if (!h["timeLimitMs"].isNumber() || !(r.timeLimitMs > 0) || r.timeLimitMs > 86400000.0) bad("timeLimitMs must be a positive number of milliseconds");
  }
  const Json& os = h["outputs"];
  if (!os.isNull() && !os.isArray()) bad("\"outputs\" must be a list of slots");
  for (std::size_t i = 0; i < os.size(); i++) {
    unsigned s = getUint(os[i], "outputs[" + std::to_string(i) + "]", kMaxSlots - 1);
    if (r.slotIndex(s) < 0) bad("outputs[" + std::to_string(i) + "] is not among the slots");
    r.outputs.push_back(s);
  }
  r.flushL2 = h["flushL2"].boolean(false);
  r.fma = h["fma"].boolean(false);
  return r;
}

}  // namespace duet
