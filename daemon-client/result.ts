/**
 * A run's result frame (contracts §5) as the caller's result: timings in the page's phases (the
 * transport being the round trip less the daemon's own time) and the outputs by name.
 */
import type { FrameHeader } from '../core/frame';
import { namedRecord } from '../core/named';
import { type DeviceInfo, type KernelTimer, type SideResult, stats, type Timings } from '../core/result';

export type RemoteRunResult = SideResult & { id: string; translate: { ms: number; cacheHit: boolean } };

/** An output as the chunks it arrived in: views into the response's own buffers, never copied. */
export interface OutputChunks {
  bytes: number;
  chunks: Uint8Array[];
}

/** submitRunChunked's result: outputs as chunks, for a caller that forwards them (the web server). */
export type ChunkedRunResult = Omit<RemoteRunResult, 'outputs'> & { outputs: Record<string, OutputChunks> };

interface ExecutorTimings {
  compile?: { ms?: number; cacheHit?: boolean };
  upload?: { ms?: number };
  download?: { ms?: number };
  kernel?: {
    samples?: number[];
    passes?: number[][];
    resolutionMs?: number;
    timer?: KernelTimer;
    l2Flushed?: boolean;
  };
}

/** Everything of a result frame but its outputs. */
export function resultMeta(h: FrameHeader, roundTripMs: number): Omit<RemoteRunResult, 'outputs'> {
  const t = (h.timings ?? {}) as ExecutorTimings;
  const translate = (h.translate ?? { ms: 0, cacheHit: false }) as { ms: number; cacheHit: boolean };
  const samples = t.kernel?.samples ?? [];
  const timings: Timings = {
    compile: {
      ms: translate.ms + (t.compile?.ms ?? 0),
      cacheHit: t.compile?.cacheHit ?? false,
      translateMs: translate.ms,
    },
    upload: { ms: t.upload?.ms ?? 0 },
    kernel: {
      ...stats(samples),
      timer: t.kernel?.timer ?? 'steady-clock',
      resolutionMs: t.kernel?.resolutionMs ?? 0,
      ...(typeof t.kernel?.l2Flushed === 'boolean' ? { l2Flushed: t.kernel.l2Flushed } : {}),
    },
    download: { ms: t.download?.ms ?? 0 },
    queue: { ms: Number(h.queueMs ?? 0) },
    transport: { ms: Math.max(0, roundTripMs - Number(h.daemonMs ?? roundTripMs)) },
  };
  if (t.kernel?.passes && t.kernel.passes.length > 1)
    timings.kernel.passes = t.kernel.passes.map((p) => stats(p));
  return {
    id: String(h.id),
    backend: h.backend === 'cuda' ? 'cuda' : 'cpu',
    device: (h.device ?? { name: 'unknown' }) as DeviceInfo,
    timings,
    translate,
    ...(Array.isArray(h.warnings) && h.warnings.length ? { warnings: h.warnings.map(String) } : {}),
  };
}

/**
 * The result frame's outputs by name, payload i being the i-th listed output. Binding names are the
 * user's: a prototype-free object keeps `__proto__` or `constructor` an ordinary output (core/named.ts).
 */
export function namedOutputs<P>(h: FrameHeader, payloads: P[], missing: () => P): Record<string, P> {
  const outputs = namedRecord<P>();
  const listed = (h.outputs ?? []) as { name: string }[];
  listed.forEach((o, i) => {
    outputs[o.name] = payloads[i] ?? missing();
  });
  return outputs;
}
