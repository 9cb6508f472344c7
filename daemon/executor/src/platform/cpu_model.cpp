#include "cpu_model.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/utsname.h>
#if defined(__APPLE__)
#include <sys/sysctl.h>
#endif

namespace duet {
namespace platform {

std::string cpuModelFromCpuinfo(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    for (const char* key : {"model name", "Model", "Hardware", "cpu model"}) {
      if (line.compare(0, std::strlen(key), key) != 0) continue;
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string v = line.substr(colon + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
      if (!v.empty()) return v;
    }
  }
  return "";
}

std::string cpuModelName() {
#if defined(__APPLE__)
  char brand[256] = {0};
  std::size_t size = sizeof brand - 1;
  if (::sysctlbyname("machdep.cpu.brand_string", brand, &size, nullptr, 0) == 0 && brand[0]) return brand;
#else
  std::ifstream f("/proc/cpuinfo");
  std::stringstream text;
  text << f.rdbuf();
  std::string model = cpuModelFromCpuinfo(text.str());
  if (!model.empty()) return model;
#endif
  struct utsname u;
  if (::uname(&u) == 0) return u.machine;
  return "unknown CPU";
}

}  // namespace platform
}  // namespace duet
