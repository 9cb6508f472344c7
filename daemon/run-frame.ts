/**
 * Builds the executor's `run` frame (contracts §4) from a run plan (core/run-plan.ts), generating the
 * input bytes now: planning is cheap and happens at submission; input generation (possibly hundreds
 * of MiB) only when the run reaches the device.
 */

import type { FrameHeader } from '../core/frame';
import type { RunPlan } from '../core/run-plan';
import { slotInitBytes } from '../core/slot-init';
import type { Translation } from './translation';

export interface RunFrame {
  header: FrameHeader;
  payloads: Uint8Array[];
}

/** Builds the executor's `run` frame (without `type`/`id`), generating the input bytes now. */
export function buildRunFrame(
  plan: RunPlan,
  t: Pick<Translation, 'code' | 'sourceHash'>,
  runs: { warmup: number; samples: number; flushL2?: boolean | undefined; fma?: boolean | undefined },
  timeLimitMs: number,
): RunFrame {
  // An empty payload means "zeros": no need to generate and ship a buffer of them.
  const payloads: Uint8Array[] = plan.slots.map((s) => slotInitBytes(s.init));
  // Identical per-pass uniform bytes (most passes of a sort share a few values) ship once.
  const payloadOf = new Map<string, number>();
  const passes = plan.passes.map((p) => {
    const uniforms = p.uniforms.map((u) => {
      const key = Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength).toString('base64');
      let index = payloadOf.get(key);
      if (index === undefined) {
        index = payloads.length;
        payloads.push(u.data);
        payloadOf.set(key, index);
      }
      return { slot: u.slot, payload: index };
    });
    return { kernel: p.kernel, dispatch: p.dispatch, uniforms, ...(p.swap ? { swap: p.swap } : {}) };
  });
  const header: FrameHeader = {
    type: 'run',
    // Without its code (a disk-cache hit) the run names its source by hash alone: the executor
    // loads the module it compiled before, or answers need-source (daemon/supervisor.ts).
    ...(t.code !== null ? { source: t.code } : {}),
    sourceHash: t.sourceHash,
    kernels: plan.kernels,
    slots: plan.slots.map((s) => ({ slot: s.slot, bytes: s.bytes, kind: s.kind })),
    passes,
    warmup: runs.warmup,
    samples: runs.samples,
    timeLimitMs,
    outputs: plan.outputs.map((o) => o.slot),
    ...(runs.flushL2 ? { flushL2: true } : {}),
    ...(runs.fma ? { fma: true } : {}),
  };
  return { header, payloads };
}
