// The `run` frame (docs/contracts.md §4), parsed and checked once so backends see only valid runs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "frame.h"

namespace duet {

constexpr unsigned kMaxSlots = 64;            // DUET_MAX_SLOTS (§3)
constexpr unsigned kMaxInvocations = 1024;    // largest workgroup the CPU runtime runs

struct KernelSpec {
  std::string symbol;  // duet_k_<entry>
  unsigned workgroupSize[3];
};
struct SlotSpec {
  unsigned slot;
  std::uint64_t bytes;
  bool restore;  // written by a kernel or by per-pass uniforms: restored before every execution
};
struct UniformWrite {
  unsigned slot;
  std::size_t payload;
};
struct PassSpec {
  unsigned kernel;
  unsigned dispatch[3];
  std::vector<UniformWrite> uniforms;
  bool hasSwap = false;
  unsigned swap[2] = {0, 0};
};

struct RunRequest {
  std::string id;
  // Generated source; empty when the daemon names it by `sourceHash` alone (sent to this executor
  // before). sourceHash is always set after parsing: checked against `source` when both came.
  std::string source, sourceHash;
  std::vector<KernelSpec> kernels;
  std::vector<SlotSpec> slots;  // slots[i] starts from payloads[i] (zero-padded)
  std::vector<PassSpec> passes;
  unsigned warmup = 0, samples = 1;
  double timeLimitMs = 10000;
  std::vector<unsigned> outputs;
  bool flushL2 = false;  // cuda: flush L2 between samples
  bool fma = false;      // allow FMA contraction (cuda --fmad=true, cpu -ffp-contract=fast)
  std::vector<std::vector<std::uint8_t>> payloads;

  int slotIndex(unsigned slot) const;  // index into slots, or -1
  unsigned executions() const { return 1 + warmup + samples; }
  // The bytes each output reads back, in `outputs` order: after the passes' swaps an output slot
  // names its partner's buffer, which may be of another size.
  std::vector<std::uint64_t> outputBytesAfterSwaps() const;
};

// Throws RunError("internal", "invalid run frame: …") when the frame breaks the contract.
RunRequest parseRunRequest(Frame&& frame);

}  // namespace duet
