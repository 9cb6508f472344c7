/**
 * One measured point of a page sweep: the parameter value, the bytes its workload moves, and each
 * side's phase times (or why that side has none). Plus the series the charts and the crossover use.
 */
import type { SeriesPoint } from '../../core/crossover';
import type { MeasuredRun, SidePhases } from '../../core/link-model';
import { totalMs } from '../../core/link-model';
import type { Backend, DeviceInfo, SideResult } from '../../core/result';
import type { SweepSample } from '../../core/total-crossovers';

export type SideOutcome =
  | {
      status: 'done';
      phases: SidePhases;
      backend: Backend;
      device: DeviceInfo;
      /** Remote only: the daemon that ran it (with 'auto' each point may land on another one). */
      daemon?: { index: number; url: string };
    }
  | { status: 'error'; message: string };

export interface SweepPoint {
  value: number;
  bytesUp: number;
  bytesDown: number;
  metrics?: { bytes?: number; flops?: number };
  local: SideOutcome;
  remote: SideOutcome;
}

/**
 * A side's phases; a remote side's with the transport measured for it (the web server's round trip
 * to the daemon, outputs received, minus the daemon's own time: daemon-client/result.ts).
 */
export function phasesOf(r: SideResult): SidePhases {
  return {
    uploadMs: r.timings.upload.ms,
    kernelMs: r.timings.kernel.median,
    downloadMs: r.timings.download.ms,
    ...(r.timings.transport ? { transportMs: r.timings.transport.ms } : {}),
  };
}

export function doneOutcome(r: SideResult, daemon?: { index: number; url: string }): SideOutcome {
  return {
    status: 'done',
    phases: phasesOf(r),
    backend: r.backend,
    device: r.device,
    ...(daemon ? { daemon: { index: daemon.index, url: daemon.url } } : {}),
  };
}

export type Phase = 'upload' | 'kernel' | 'download' | 'transport' | 'total';

/** One side's time for a phase, or null (error, or a zero log axes cannot show). */
export function phaseMs(o: SideOutcome, phase: Phase): number | null {
  if (o.status !== 'done') return null;
  const v = phase === 'total' ? totalMs(o.phases) : (o.phases[`${phase}Ms`] ?? 0);
  return v > 0 ? v : null;
}

/** The points as core/total-crossovers.ts samples (a failed side as null). */
export function samplesOf(points: readonly SweepPoint[]): SweepSample[] {
  return points.map((p) => ({
    x: p.value,
    bytesUp: p.bytesUp,
    bytesDown: p.bytesDown,
    local: p.local.status === 'done' ? p.local.phases : null,
    remote: p.remote.status === 'done' ? p.remote.phases : null,
  }));
}

export function seriesFor(points: readonly SweepPoint[], phase: Phase): SeriesPoint[] {
  return points.map((p) => ({
    x: p.value,
    local: phaseMs(p.local, phase),
    remote: phaseMs(p.remote, phase),
  }));
}

/** The point as the link model's input, when both sides finished. */
export function measuredRun(p: SweepPoint): MeasuredRun | null {
  if (p.local.status !== 'done' || p.remote.status !== 'done') return null;
  const run: MeasuredRun = {
    local: p.local.phases,
    remote: p.remote.phases,
    bytesUp: p.bytesUp,
    bytesDown: p.bytesDown,
  };
  if (p.metrics?.flops) run.flops = p.metrics.flops;
  return run;
}

/** Per-second throughput of a metric (bytes → GB/s, flops → GFLOP/s) over the kernel time. */
export function throughput(
  p: SweepPoint,
  side: 'local' | 'remote',
  metric: 'bytes' | 'flops',
): number | null {
  const o = p[side];
  const amount = p.metrics?.[metric];
  if (o.status !== 'done' || !amount || !(o.phases.kernelMs > 0)) return null;
  return amount / (o.phases.kernelMs / 1000) / 1e9;
}
