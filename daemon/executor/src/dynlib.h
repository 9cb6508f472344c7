// Loading optional vendor libraries at run time (libcuda, NVRTC, NVML) without their headers:
// dlopen by a list of candidate names, then one symbol table per library that says which
// symbols are required and which optional, with alternative names (e.g. a `_v2` first).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace duet {

struct SymbolSpec {
  const char* names;   // "cuEventElapsedTime_v2|cuEventElapsedTime": first one found wins
  std::size_t offset;  // where the function pointer goes in the table struct
  bool required;
};

// Opens the first loadable name. On failure returns nullptr and sets *why to
// "<first name> not found (<dlerror of each try>)".
void* openLibrary(const std::vector<std::string>& names, std::string* why, std::string* opened = nullptr);

// Fills the table from the library. Returns "" when every required symbol was found, else
// "missing symbols: a, b". Optional symbols not found are listed in *missingOptional.
std::string loadSymbols(void* handle, const SymbolSpec* specs, std::size_t count, void* table,
                        std::vector<std::string>* missingOptional = nullptr);

// Candidate names from an environment override (`VAR=path`) or the defaults.
std::vector<std::string> libraryCandidates(const char* envVar, const std::vector<std::string>& defaults);

}  // namespace duet
