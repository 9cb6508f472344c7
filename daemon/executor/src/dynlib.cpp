#include "dynlib.h"

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>

namespace duet {

void* openLibrary(const std::vector<std::string>& names, std::string* why, std::string* opened) {
  std::string tried;
  for (const auto& n : names) {
    dlerror();
    void* h = dlopen(n.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (h) {
      if (opened) *opened = n;
      return h;
    }
    const char* e = dlerror();
    if (!tried.empty()) tried += "; ";
    tried += e ? e : n + ": unknown error";
  }
  if (why) *why = (names.empty() ? std::string("library") : names.front()) + " not found (" + tried + ")";
  return nullptr;
}

std::string loadSymbols(void* handle, const SymbolSpec* specs, std::size_t count, void* table,
                        std::vector<std::string>* missingOptional) {
  std::string missing;
  for (std::size_t i = 0; i < count; i++) {
    const SymbolSpec& s = specs[i];
    void* found = nullptr;
    std::string names = s.names;
    std::size_t start = 0;
    while (!found && start <= names.size()) {
      std::size_t bar = names.find('|', start);
      if (bar == std::string::npos) bar = names.size();
      std::string one = names.substr(start, bar - start);
      if (!one.empty()) found = dlsym(handle, one.c_str());
      start = bar + 1;
    }
    std::memcpy(static_cast<char*>(table) + s.offset, &found, sizeof found);
    if (!found) {
      std::string first = names.substr(0, names.find('|'));
      if (s.required) missing += (missing.empty() ? "" : ", ") + first;
      else if (missingOptional) missingOptional->push_back(first);
    }
  }
  return missing.empty() ? "" : "missing symbols: " + missing;
}

std::vector<std::string> libraryCandidates(const char* envVar, const std::vector<std::string>& defaults) {
  const char* v = envVar ? std::getenv(envVar) : nullptr;
  if (v && *v) return {v};
  return defaults;
}

}  // namespace duet
