'use client';
/**
 * Runs one workload on both sides at once — this browser's WebGPU and the chosen daemon through tRPC —
 * and compares the outputs once both are in. A newer run supersedes (and cancels) an older one;
 * `cancel()` stops both sides: the browser side through its AbortSignal, the remote side by aborting
 * its `runs.submit` stream and asking the daemon to drop the run by its id (`runs.cancel`, or the
 * `RemoteCalls` a workshop page passes). The
 * remote panel's phase is the daemon's progress as that stream brings it (queue place, phases).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { compareOutputs, type OutputComparison } from '../../core/compare';
import type { Workload } from '../../core/workload';
import type { DaemonChoice } from '../lib/daemon-choice';
import { hasWebGpu, localError, NO_WEBGPU_ERROR, runLocalSide } from '../lib/local-side';
import { fetchOutputs, followRun, type RunRef, remoteError, toRemoteSide } from '../lib/remote-side';
import type { LocalState, RemoteState } from '../lib/side-state';
import { useTRPCClient } from '../trpc/client';

export interface DuetRun {
  local: LocalState;
  remote: RemoteState;
  /** The workload of the latest run (what the comparison refers to). */
  workload: Workload | null;
  comparison: OutputComparison[] | null;
  running: boolean;
  /** Increases with every run; history entries remember it. */
  generation: number;
  /** `daemon`: a configured daemon's index, 'auto' (the server picks the least-loaded), or null (none). */
  run(workload: Workload, daemon: DaemonChoice | null): Promise<void>;
  cancel(): void;
}

/**
 * How the remote side starts a run (a stream of `runs.submit` updates) and cancels it by the id that
 * stream named. Default: `runs.submit` and `runs.cancel`; a workshop page passes `workshop.run` and
 * `workshop.cancel`, the same under the student's identity on the room's daemon.
 */
export interface RemoteCalls {
  submit(
    workload: Workload,
    daemon: DaemonChoice,
    signal: AbortSignal,
  ): Promise<Parameters<typeof followRun>[0]>;
  cancel(run: RunRef): Promise<unknown>;
}

const NO_DAEMON: RemoteState = {
  status: 'error',
  error: {
    kind: 'config',
    title: 'No daemon selected',
    message: 'This web server has no daemon configured.',
    hint: 'Start one with `npx duet daemon` and set DUET_DAEMONS and DUET_TOKEN, or run `npm start`.',
  },
};

export function useDuetRun(calls?: RemoteCalls): DuetRun {
  const client = useTRPCClient();
  const [local, setLocal] = useState<LocalState>({ status: 'idle' });
  const [remote, setRemote] = useState<RemoteState>({ status: 'idle' });
  const [workload, setWorkload] = useState<Workload | null>(null);
  const [generation, setGeneration] = useState(0);
  const generationRef = useRef(0);
  /** `run`: the daemon's id for the remote run, from the stream's first update until it ends. */
  const inFlight = useRef<{ controller: AbortController; run: RunRef | null } | null>(null);

  /** Aborts the run in flight (if any) and tells its daemon; the UI states are set by the caller. */
  const stopInFlight = useCallback(() => {
    const current = inFlight.current;
    if (!current) return false;
    inFlight.current = null;
    current.controller.abort();
    if (current.run) {
      (calls ? calls.cancel(current.run) : client.runs.cancel.mutate(current.run)).catch(() => {
        // The run may have finished meanwhile; nothing to cancel then.
      });
    }
    return true;
  }, [client, calls]);

  const run = useCallback(
    async (w: Workload, daemon: DaemonChoice | null) => {
      stopInFlight();
      const gen = ++generationRef.current;
      setGeneration(gen);
      const isCurrent = () => gen === generationRef.current;
      const controller = new AbortController();
      const flight: { controller: AbortController; run: RunRef | null } = { controller, run: null };
      inFlight.current = flight;
      setWorkload(w);

      const localSide = async () => {
        if (!hasWebGpu()) return setLocal({ status: 'error', error: NO_WEBGPU_ERROR });
        setLocal({ status: 'running', phase: 'starting' });
        try {
          const result = await runLocalSide(w, controller.signal, (phase) => {
            if (isCurrent()) setLocal({ status: 'running', phase });
          });
          if (isCurrent()) setLocal({ status: 'done', result, extra: undefined });
        } catch (e) {
          if (isCurrent()) setLocal({ status: 'error', error: localError(e) });
        }
      };

      const remoteSide = async () => {
        if (daemon === null) return setRemote(NO_DAEMON);
        setRemote({ status: 'running', phase: 'sending to daemon' });
        const started = performance.now();
        try {
          const updates = calls
            ? await calls.submit(w, daemon, controller.signal)
            : await client.runs.submit.mutate({ workload: w, daemon }, { signal: controller.signal });
          const out = await followRun(updates, {
            accepted: (run) => {
              flight.run = run;
            },
            progress: (phase) => {
              if (isCurrent()) setRemote({ status: 'running', phase });
            },
          });
          flight.run = null;
          if (!isCurrent()) return;
          setRemote({ status: 'running', phase: 'fetching outputs' });
          const outputs = await fetchOutputs(out.id, out.outputs, controller.signal);
          const side = toRemoteSide(out, outputs, performance.now() - started, daemon);
          if (isCurrent()) setRemote({ status: 'done', ...side });
        } catch (e) {
          flight.run = null;
          if (isCurrent()) setRemote({ status: 'error', error: remoteError(e) });
        }
      };

      await Promise.all([localSide(), remoteSide()]);
      if (inFlight.current === flight) inFlight.current = null;
    },
    [client, stopInFlight, calls],
  );

  const cancel = useCallback(() => {
    if (!stopInFlight()) return;
    // The run's own handlers see the abort and report "Cancelled"; make it immediate for both panels.
    const cancelled = { kind: 'cancelled', title: 'Cancelled', message: 'The run was cancelled.' };
    setLocal((s) => (s.status === 'running' ? { status: 'error', error: cancelled } : s));
    setRemote((s) =>
      s.status === 'running'
        ? {
            status: 'error',
            error: {
              ...cancelled,
              message: 'The remote run was cancelled; the daemon was asked to stop it.',
            },
          }
        : s,
    );
    generationRef.current++;
  }, [stopInFlight]);

  const comparison = useMemo(() => {
    if (!workload || local.status !== 'done' || remote.status !== 'done') return null;
    return compareOutputs(workload, local.result, remote.result);
  }, [workload, local, remote]);

  const running = local.status === 'running' || remote.status === 'running';
  return { local, remote, workload, comparison, running, generation, run, cancel };
}
