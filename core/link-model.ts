/**
 * The link model: from one measured run on both sides, what the remote GPU's total would be if its
 * bytes crossed a given host↔GPU link, and how much arithmetic per byte a kernel needs before the
 * remote GPU wins on that link.
 *
 * Model (stated on the page): remote total over link L = remote kernel (measured) + bytes up / L +
 * bytes down / L. Local total = local upload + kernel + download (measured). The measured remote
 * total adds the transport the client measured (its round trip beyond the daemon's own time: the
 * HTTP leg a remote daemon really costs); a projection over a link has none, the GPU being on that
 * link of the user's own machine. Compile and queueing are one-off, so they are left out.
 *
 * Break-even arithmetic intensity I* (flops per byte moved over the link). A kernel doing F flops
 * on D bytes takes F/R_l locally (plus D/B_l if the local side copies too) and F/R_r + D/B remotely;
 * the remote GPU wins when F/D > I* = (1/B − 1/B_l) / (1/R_l − 1/R_r). It never wins when R_r ≤ R_l
 * (I* = ∞) and always wins when the link is no slower than the local copy (I* = 0).
 */
import type { DeviceInfo } from './result';

/** Phase times of one side, in ms (kernel = median). */
export interface SidePhases {
  uploadMs: number;
  kernelMs: number;
  downloadMs: number;
  /**
   * Remote only: the client-measured round trip (request → every output received) minus the
   * daemon's own time (Timings.transport): what reaching the daemon costs the user on top of it.
   */
  transportMs?: number;
}

export interface MeasuredRun {
  local: SidePhases;
  remote: SidePhases;
  bytesUp: number;
  bytesDown: number;
  /** From the workload's metrics: flops of one execution (absent: unknown). */
  flops?: number;
}

/** What the user waits for per execution: upload + kernel + download (+ the measured transport). */
export const totalMs = (p: SidePhases): number => daemonTotalMs(p) + (p.transportMs ?? 0);

/** The side's own phases alone (for a remote side: what the daemon reports, transport left out). */
export const daemonTotalMs = (p: SidePhases): number => p.uploadMs + p.kernelMs + p.downloadMs;

/** Milliseconds to move `bytes` at `gbs` GB/s (10⁹ bytes/s). */
export function transferMs(bytes: number, gbs: number): number {
  if (!(gbs > 0)) throw new RangeError(`link bandwidth must be positive, got ${gbs}`);
  return bytes / (gbs * 1e6);
}

/** Remote total if its transfers went over a link of `upGBs` (host→device) / `downGBs`. */
export function predictRemoteMs(
  run: Pick<MeasuredRun, 'remote' | 'bytesUp' | 'bytesDown'>,
  upGBs: number,
  downGBs: number = upGBs,
): number {
  return run.remote.kernelMs + transferMs(run.bytesUp, upGBs) + transferMs(run.bytesDown, downGBs);
}

/**
 * The slowest symmetric link on which the remote side still beats the local total for this run,
 * GB/s; Infinity when the remote kernel alone is not faster; 0 when nothing crosses the link and
 * the remote kernel is faster.
 */
export function breakEvenLinkGBs(run: MeasuredRun): number {
  const slack = totalMs(run.local) - run.remote.kernelMs;
  if (slack <= 0) return Number.POSITIVE_INFINITY;
  const bytes = run.bytesUp + run.bytesDown;
  return bytes / (slack * 1e6);
}

/** Flops per second from a flop count and a time in ms; null when either is missing or zero. */
export function flopRate(flops: number | undefined, ms: number): number | null {
  return flops && flops > 0 && ms > 0 ? flops / (ms / 1000) : null;
}

export interface BreakEvenInput {
  /** Local and remote compute rates, flop/s. */
  localFlops: number;
  remoteFlops: number;
  /** Link bandwidth, GB/s. */
  linkGBs: number;
  /** Local host→GPU copy bandwidth, GB/s; absent = free (unified memory, zero copy). */
  localCopyGBs?: number;
}

/** I*: flops per byte moved above which the remote GPU wins (see the file comment). */
export function breakEvenIntensity(x: BreakEvenInput): number {
  const computeGain = 1 / x.localFlops - 1 / x.remoteFlops; // s per flop saved remotely
  if (!(computeGain > 0)) return Number.POSITIVE_INFINITY;
  const linkCost = 1 / (x.linkGBs * 1e9) - (x.localCopyGBs ? 1 / (x.localCopyGBs * 1e9) : 0);
  if (linkCost <= 0) return 0;
  return linkCost / computeGain;
}

/** Flops per byte this run moves over the link; null without a flop count or bytes. */
export function runIntensity(run: MeasuredRun): number | null {
  const bytes = run.bytesUp + run.bytesDown;
  return run.flops && run.flops > 0 && bytes > 0 ? run.flops / bytes : null;
}

export interface LinkPrediction {
  id: string;
  name: string;
  /** GB/s used for each direction. */
  upGBs: number;
  downGBs: number;
  predictedMs: number;
  /** Predicted totals at the range's high and low bandwidths (fast, slow); absent for measured links. */
  rangeMs?: [number, number];
  localMs: number;
  /** The remote side beats the local total on this link. */
  remoteWins: boolean;
  /** Local total over predicted remote total (>1: remote faster). */
  speedup: number;
  /** I* on this link from the measured kernel rates; null without a flop count. */
  breakEvenIntensity: number | null;
}

export interface LinkChoice {
  id: string;
  name: string;
  gbs: number;
  range?: [number, number];
  /** Measured links may differ by direction. */
  downGBs?: number;
}

export function predictLink(run: MeasuredRun, link: LinkChoice): LinkPrediction {
  const up = link.gbs;
  const down = link.downGBs ?? link.gbs;
  const predictedMs = predictRemoteMs(run, up, down);
  const localMs = totalMs(run.local);
  const rl = flopRate(run.flops, run.local.kernelMs);
  const rr = flopRate(run.flops, run.remote.kernelMs);
  const p: LinkPrediction = {
    id: link.id,
    name: link.name,
    upGBs: up,
    downGBs: down,
    predictedMs,
    localMs,
    remoteWins: predictedMs < localMs,
    speedup: localMs / predictedMs,
    breakEvenIntensity:
      rl !== null && rr !== null
        ? breakEvenIntensity({ localFlops: rl, remoteFlops: rr, linkGBs: Math.min(up, down) })
        : null,
  };
  if (link.range) p.rangeMs = [predictRemoteMs(run, link.range[1]), predictRemoteMs(run, link.range[0])];
  return p;
}

/** The link the daemon measured at start (CUDA devices), or null (CPU emulation has none). */
export function measuredLink(device: DeviceInfo | null | undefined): LinkChoice | null {
  const bw = device?.bandwidth;
  const up = bw?.hostToDeviceGBs;
  const down = bw?.deviceToHostGBs ?? up;
  if (!(up && up > 0 && down && down > 0)) return null;
  return {
    id: 'measured',
    name: `Measured by the daemon (${device?.name ?? 'remote GPU'})`,
    gbs: up,
    downGBs: down,
  };
}
