/**
 * Following a run's frame stream (contracts §5) to its result: progress events to the caller,
 * error frames and broken or silent streams as DaemonErrors.
 */
import type { FrameHeader } from '../core/frame';
import type { RunEvent } from '../core/progress';
import { HEARTBEAT_MS, STREAM_SILENCE_MS } from '../core/protocol';
import { DaemonError } from './daemon-error';
import { errorFromFrame } from './errors';
import type { Decoded, RunBody } from './run-body';
import type { DaemonTarget } from './target';

export type RunOptions = { signal?: AbortSignal; clientId?: string; onEvent?(e: RunEvent): void };

/** Follows a run's frames to its result (or its failure); every failure is a DaemonError. */
export function follow<P, R>(
  t: DaemonTarget,
  opts: RunOptions,
  body: RunBody<P>,
  toResult: (h: FrameHeader, payloads: P[]) => R,
): Promise<R> {
  const handle = (f: Decoded<P>): R | null => {
    const h = f.header;
    if (h.type === 'accepted') opts.onEvent?.({ type: 'accepted', id: String(h.id) });
    else if (h.type === 'phase' && h.phase === 'queued') {
      opts.onEvent?.({ type: 'queued', position: Number(h.position), of: Number(h.of) });
    } else if (h.type === 'phase') {
      const e: RunEvent = { type: 'phase', phase: h.phase as 'running' };
      if (typeof h.sample === 'number') e.sample = h.sample;
      if (typeof h.of === 'number') e.of = h.of;
      opts.onEvent?.(e);
    } else if (h.type === 'result') return toResult(h, f.payloads);
    else if (h.type === 'error') throw errorFromFrame(h);
    return null;
  };
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    let garbled = false;
    // A daemon that is gone mid-run (stopped, asleep, the network down) sends nothing more; a busy
    // one sends at least a heartbeat every HEARTBEAT_MS (daemon/frame-sink.ts).
    const silenceMs = t.streamSilenceMs ?? STREAM_SILENCE_MS;
    let silence: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        garbled = true; // drop the socket rather than wait for the rest of its bytes
        finish(
          new DaemonError(
            'unreachable',
            `the Duet daemon at ${t.url} went silent for ${silenceMs / 1000} s during the run (a working daemon sends at least a heartbeat every ${HEARTBEAT_MS / 1000} s): it may be stopped (Ctrl-Z), asleep, or the network is down`,
            { hint: `check the machine and the terminal running \`npx duet daemon\` at ${t.url}` },
          ),
        );
      }, silenceMs);
    };
    heard();
    const finish = (e: unknown, result?: R) => {
      if (settled) return;
      settled = true;
      clearTimeout(silence);
      body.release(garbled);
      if (result !== undefined) resolve(result);
      else reject(e);
    };
    const cancelled = () => new DaemonError('cancelled', 'the run was cancelled');
    body.listen({
      frames(frames) {
        heard();
        for (const f of frames) {
          if (settled) return;
          let result: R | null;
          try {
            result = handle(f);
          } catch (e) {
            finish(e); // an error frame, or the caller's onEvent threw
            return;
          }
          if (result) {
            finish(null, result);
            return;
          }
        }
      },
      broken(e) {
        garbled = true;
        finish(
          new DaemonError('protocol', `the daemon at ${t.url} sent a broken frame stream: ${e.message}`),
        );
      },
      // The stream stopped without a result: a cancel when the caller aborted, else `kind`/`why`.
      // Cut off inside a frame (a large result is forwarded while it arrives, so a daemon that loses
      // it part-way can only cut the response off), the message says so.
      stopped(kind, why) {
        const partWay = body.pending
          ? `; it stopped part-way through a frame (${body.pending} bytes of it had arrived), the daemon's log says why`
          : '';
        finish(opts.signal?.aborted ? cancelled() : new DaemonError(kind, why + partWay));
      },
    });
  });
}
