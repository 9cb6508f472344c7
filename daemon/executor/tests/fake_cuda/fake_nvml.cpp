// A test double of NVML (libnvidia-ml.so.1) for the executor's device report; see fake_driver.cpp.
// It answers for the one fake device at PCI bus id 0000:01:00.0: a driver version and a PCIe
// gen 4 x16 link.
#include <cstdio>
#include <cstring>

namespace {
using nvmlReturn_t = int;
constexpr nvmlReturn_t kSuccess = 0, kInvalidArgument = 2, kNotFound = 6;  // nvml.h
int device = 0;  // the handle's target
}  // namespace

#define API extern "C" __attribute__((visibility("default"))) nvmlReturn_t

API nvmlInit_v2() { return kSuccess; }
API nvmlShutdown() { return kSuccess; }
API nvmlSystemGetDriverVersion(char* v, unsigned len) {
  std::snprintf(v, len, "%s", "580.95.05-fake");
  return kSuccess;
}
API nvmlDeviceGetHandleByPciBusId_v2(const char* bus, void** h) {
  if (!bus || !h) return kInvalidArgument;
  if (std::strcmp(bus, "0000:01:00.0") != 0) return kNotFound;
  *h = &device;
  return kSuccess;
}
API nvmlDeviceGetCurrPcieLinkGeneration(void* h, unsigned* gen) {
  if (h != &device) return kInvalidArgument;
  *gen = 4;
  return kSuccess;
}
API nvmlDeviceGetCurrPcieLinkWidth(void* h, unsigned* width) {
  if (h != &device) return kInvalidArgument;
  *width = 16;
  return kSuccess;
}
