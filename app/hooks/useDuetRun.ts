'use client';
/**
 * Runs one workload on both sides at once — this browser's WebGPU and the chosen daemon through tRPC —
 * and compares the outputs once both are in. A newer run supersedes an older one.
 */
import { useMutation } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { compareOutputs, type OutputComparison } from '../../core/compare';
import type { Workload } from '../../core/workload';
import { hasWebGpu, localError, NO_WEBGPU_ERROR, runLocalSide } from '../lib/local-side';
import { fetchOutputs, remoteError, toRemoteSide } from '../lib/remote-side';
import type { LocalState, RemoteState } from '../lib/side-state';
import { useTRPC } from '../trpc/client';

export interface DuetRun {
  local: LocalState;
  remote: RemoteState;
  /** The workload of the latest run (what the comparison refers to). */
  workload: Workload | null;
  comparison: OutputComparison[] | null;
  running: boolean;
  /** Ticket of the latest remote run, for useRemoteProgress. */
  remoteTicket: string | null;
  run(workload: Workload, daemonIndex: number | null): Promise<void>;
}

export function useDuetRun(): DuetRun {
  const trpc = useTRPC();
  const { mutateAsync: submit } = useMutation(trpc.runs.submit.mutationOptions());
  const [local, setLocal] = useState<LocalState>({ status: 'idle' });
  const [remote, setRemote] = useState<RemoteState>({ status: 'idle' });
  const [workload, setWorkload] = useState<Workload | null>(null);
  const [remoteTicket, setRemoteTicket] = useState<string | null>(null);
  const generation = useRef(0);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    async (w: Workload, daemonIndex: number | null) => {
      const gen = ++generation.current;
      const isCurrent = () => gen === generation.current;
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
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
        if (daemonIndex === null) {
          return setRemote({
            status: 'error',
            error: {
              kind: 'config',
              title: 'No daemon selected',
              message: 'This web server has no daemon configured.',
              hint: 'Start one with `npx duet daemon` and set DUET_DAEMONS and DUET_TOKEN, or run `npm start`.',
            },
          });
        }
        setRemote({ status: 'running', phase: 'sending to daemon' });
        const ticket = crypto.randomUUID();
        setRemoteTicket(ticket);
        const started = performance.now();
        try {
          const out = await submit({ workload: w, daemon: daemonIndex, ticket });
          if (!isCurrent()) return;
          setRemote({ status: 'running', phase: 'fetching outputs' });
          const outputs = await fetchOutputs(out.id, out.outputs, controller.signal);
          const side = toRemoteSide(out, outputs, performance.now() - started);
          if (isCurrent()) setRemote({ status: 'done', ...side });
        } catch (e) {
          if (isCurrent()) setRemote({ status: 'error', error: remoteError(e) });
        }
      };

      await Promise.all([localSide(), remoteSide()]);
    },
    [submit],
  );

  const comparison = useMemo(() => {
    if (!workload || local.status !== 'done' || remote.status !== 'done') return null;
    return compareOutputs(workload, local.result, remote.result);
  }, [workload, local, remote]);

  const running = local.status === 'running' || remote.status === 'running';
  return { local, remote, workload, comparison, running, remoteTicket, run };
}
