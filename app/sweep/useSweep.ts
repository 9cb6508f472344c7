'use client';
/**
 * Runs a preset at every value of a sweep, on both sides: this browser's WebGPU (app/lib/local-side)
 * and the chosen daemon through the tRPC `runs.submit` stream (its phases shown as they come). The
 * sides run one after the other at each point so they do not compete for the same machine (the
 * playground runs them at once). Output bytes stay on the server: the sweep needs timings only.
 * Cancel aborts the local run and the remote stream in flight (the web server then drops the run).
 */
import { useCallback, useRef, useState } from 'react';
import { resolvePreset } from '../../core/preset';
import { transferBytes } from '../../core/transfer-bytes';
import type { Workload } from '../../core/workload';
import type { PagePreset } from '../../server/presets';
import type { DaemonChoice } from '../lib/daemon-choice';
import { hasWebGpu, localError, NO_WEBGPU_ERROR, runLocalSide } from '../lib/local-side';
import { withPictures } from '../lib/preset-pictures';
import { followRun, remoteError } from '../lib/remote-side';
import { useTRPCClient } from '../trpc/client';
import { doneOutcome, type SideOutcome, type SweepPoint } from './sweep-point';

export interface SweepProgress {
  index: number;
  of: number;
  value: number;
  side: 'local' | 'remote';
  phase: string;
}

export interface SweepRequest {
  preset: PagePreset;
  param: string;
  values: number[];
  /** The other parameters (the preset's defaults). */
  base: Record<string, number>;
  /** A configured daemon's index, or 'auto': the server sends each point to the least-loaded one. */
  daemon: DaemonChoice | null;
}

export type SweepState = 'idle' | 'running' | 'done' | 'cancelled';

export function useSweep() {
  const client = useTRPCClient();
  const [points, setPoints] = useState<SweepPoint[]>([]);
  const [progress, setProgress] = useState<SweepProgress | null>(null);
  const [state, setState] = useState<SweepState>('idle');
  const [request, setRequest] = useState<SweepRequest | null>(null);
  const abort = useRef<AbortController | null>(null);

  const runLocal = useCallback(async (w: Workload, signal: AbortSignal, onPhase: (p: string) => void) => {
    if (!hasWebGpu()) return { status: 'error', message: NO_WEBGPU_ERROR.message } satisfies SideOutcome;
    try {
      return doneOutcome(await runLocalSide(w, signal, onPhase));
    } catch (e) {
      const err = localError(e);
      return { status: 'error', message: `${err.title}: ${err.message}` } satisfies SideOutcome;
    }
  }, []);

  const runRemote = useCallback(
    async (
      w: Workload,
      daemon: DaemonChoice | null,
      signal: AbortSignal,
      onPhase: (p: string) => void,
    ): Promise<SideOutcome> => {
      if (daemon === null) return { status: 'error', message: 'No daemon configured on this web server.' };
      try {
        const updates = await client.runs.submit.mutate({ workload: w, daemon }, { signal });
        const out = await followRun(updates, { progress: onPhase });
        return doneOutcome(
          { backend: out.backend, device: out.device, timings: out.timings, outputs: {} },
          out.daemon,
        );
      } catch (e) {
        const err = remoteError(e);
        return { status: 'error', message: `${err.title}: ${err.message}` };
      }
    },
    [client],
  );

  const start = useCallback(
    async (req: SweepRequest) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const { signal } = controller;
      setRequest(req);
      setPoints([]);
      setState('running');
      // A texture preset's pictures (app/lib/preset-pictures.ts); without them every point fails, saying why.
      let template = req.preset.template;
      let noPictures: string | null = null;
      try {
        template = (await withPictures(req.preset)).template;
      } catch (e) {
        noPictures = e instanceof Error ? e.message : String(e);
      }
      for (const [index, value] of req.values.entries()) {
        if (signal.aborted) break;
        const at = (side: 'local' | 'remote', phase: string) =>
          !signal.aborted && setProgress({ index, of: req.values.length, value, side, phase });
        let w: Workload;
        try {
          if (noPictures) throw new Error(noPictures);
          w = resolvePreset(template, req.preset.wgsl, { ...req.base, [req.param]: value });
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          const failed: SideOutcome = { status: 'error', message };
          setPoints((ps) => [...ps, { value, bytesUp: 0, bytesDown: 0, local: failed, remote: failed }]);
          continue;
        }
        at('local', 'starting');
        const local = await runLocal(w, signal, (phase) => at('local', phase));
        if (signal.aborted) break;
        at('remote', 'sent to daemon');
        const remote = await runRemote(w, req.daemon, signal, (phase) => at('remote', phase));
        if (signal.aborted) break;
        const { up, down } = transferBytes(w);
        const point: SweepPoint = { value, bytesUp: up, bytesDown: down, local, remote };
        if (w.metrics) point.metrics = w.metrics;
        setPoints((ps) => [...ps, point]);
      }
      if (abort.current === controller) {
        setProgress(null);
        setState(signal.aborted ? 'cancelled' : 'done');
      }
    },
    [runLocal, runRemote],
  );

  const cancel = useCallback(() => {
    abort.current?.abort();
    setProgress(null);
    setState('cancelled');
  }, []);

  return { points, progress, state, request, start, cancel };
}
