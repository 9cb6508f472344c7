/**
 * A kernel that runs until it is stopped (a time limit, a cancel, a cut connection), for the tests
 * that need a run to still be running. One loop is not enough: its 2^32-iteration guard
 * (DUET_LOOP_GUARD_ITERATIONS, compiler/preludes/common.h) ends it as a success after ~3.4 s of CPU
 * time on the 2-core dev VM, sooner on a faster core, so a "still running" test would pass or fail
 * by machine speed. Here the outer loop counts once per 1000 inner iterations: hours to its guard.
 * `out[1]` is never written, so the loop condition stays true.
 */
import type { WorkloadInput } from '../core/workload';

export const ENDLESS_WGSL = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() {
  while (out[1] == 0u) { for (var i = 0u; i < 1000u; i++) { out[0] = out[0] + 1u; } }
}`;

export function endlessWorkload(name = 'endless'): WorkloadInput {
  return {
    name,
    wgsl: ENDLESS_WGSL,
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 2, output: true },
    ],
    runs: { warmup: 0, samples: 1 },
  };
}
