// SandboxStatus as JSON (the `sandbox` field of `ready`, contracts section 4), whichever sandbox
// implementation filled it (sandbox.cpp on Linux, platform/sandbox_unavailable.cpp elsewhere).
#include "sandbox.h"

namespace duet {

Json SandboxStatus::toJson() const {
  Json j = Json::object();
  j.set("seccomp", seccomp).set("landlock", landlock).set("noNewPrivs", noNewPrivs).set("uid", uid).set("netns", netns)
      .set("rlimits", rlimits).set("compilerSeparated", compilerSeparated);
  Json n = Json::array();
  for (const auto& s : notes) n.push(s);
  j.set("notes", std::move(n));
  return j;
}

}  // namespace duet
