/**
 * Shared by the e2e specs that cut a connection or restart a server while a run is in flight
 * (restarts, pairing): a run long enough to be caught mid-way, and a poll for a condition.
 */
import type { WorkloadInput } from '../../core/workload';

/** 2000 samples of a 200k-step loop: long enough that a cut or restart lands mid-run. */
export function longRunWorkload(name: string): WorkloadInput {
  return {
    name,
    wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  var x = id.x;
  for (var i = 0u; i < 200000u; i++) {
    x = x * 1664525u + 1013904223u;
  }
  out[id.x] = x;
}
`,
    entryPoint: 'main',
    dispatch: [16, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 1024, output: true },
    ],
    runs: { warmup: 0, samples: 2000 },
  };
}

/** Polls `check` until it holds (each try bounded by the fetch failing fast on a closed port). */
export async function until(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s`);
}
