'use client';
/**
 * The student's room: the lesson's steps, the open step's text, the editor (the playground's
 * SourceEditor), Run on both sides (useDuetRun with `workshop.run`, the playground's side panels and
 * verdict; their Cancel stops the remote run through `workshop.cancel`), Submit (the hidden check on the daemon: pass, or the reason), runs left, the queue
 * place while waiting, and what the teacher broadcast or put in the spotlight.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Workload } from '../../../core/workload';
import { SidePanel } from '../../components/SidePanel';
import { SourceEditor } from '../../components/SourceEditor';
import { VerdictPanel } from '../../components/VerdictPanel';
import { type RemoteCalls, useDuetRun } from '../../hooks/useDuetRun';
import { useTranslation } from '../../hooks/useTranslation';
import { useTRPC, useTRPCClient } from '../../trpc/client';
import { JoinForm } from './JoinForm';
import { StepText } from './StepText';
import { useCheck } from './useCheck';

/** How often the room is asked again for broadcasts, spotlight, locks and runs left. */
const REFRESH_MS = 3000;

export function StudentRoom({ code }: { code: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const state = useQuery({ ...trpc.workshop.state.queryOptions({ code }), refetchInterval: REFRESH_MS });
  const [wgsl, setWgsl] = useState<string | null>(null);
  const view = state.data;
  const step = view?.step ?? 0;
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.workshop.state.queryKey() }),
    [queryClient, trpc],
  );

  // The editor starts from the server's copy of this step (the student's last kernel, else the starter).
  useEffect(() => {
    if (view && wgsl === null) setWgsl(view.workload.wgsl);
  }, [view, wgsl]);

  // Cancel by the run's id through the room (workshop.cancel): its daemon may be one the teacher
  // paired, which this browser cannot name to runs.cancel.
  const remoteCalls = useMemo<RemoteCalls>(
    () => ({
      submit: (w, _daemon, signal) => client.workshop.run.mutate({ code, step, wgsl: w.wgsl }, { signal }),
      cancel: (run) => client.workshop.cancel.mutate({ code, id: run.id }),
    }),
    [client, code, step],
  );
  const duet = useDuetRun(remoteCalls);
  const translation = useTranslation(wgsl ?? '', undefined);
  const submit = useCheck(() => void refresh());
  const goTo = useMutation(
    trpc.workshop.goTo.mutationOptions({
      onSuccess: () => {
        setWgsl(null);
        submit.reset();
        void refresh();
      },
    }),
  );

  if (state.error) {
    const unauthorized = state.error instanceof TRPCClientError && state.error.data?.code === 'UNAUTHORIZED';
    if (unauthorized) return <JoinForm code={code} onJoined={() => void refresh()} />;
    return (
      <p role="alert" className="mt-16 text-center text-rose-700 dark:text-rose-400" data-testid="room-error">
        {state.error.message}
      </p>
    );
  }
  if (!view || wgsl === null) return <p className="mt-16 text-center">Loading the workshop…</p>;

  const workload: Workload = { ...view.workload, wgsl };
  const run = () => void duet.run(workload, 'auto');
  const current = view.steps[step];
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">{view.title}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {view.name} · <span data-testid="runs-left">{view.runsLeft}</span> runs left
        </p>
      </header>
      <nav aria-label="Steps" className="flex flex-wrap gap-2">
        {view.steps.map((s, i) => (
          <button
            key={s.title}
            type="button"
            disabled={s.locked || i === step}
            onClick={() => goTo.mutate({ code, step: i })}
            aria-current={i === step ? 'step' : undefined}
            data-testid={`step-${i}`}
            className="rounded border border-zinc-300 px-2 py-1 text-sm disabled:opacity-60 aria-[current=step]:bg-sky-100 dark:border-zinc-700 dark:aria-[current=step]:bg-sky-900"
          >
            {i + 1}. {s.title}
            {s.locked ? ' (locked)' : ''}
          </button>
        ))}
      </nav>
      {goTo.error && (
        <p role="alert" className="text-sm text-rose-700">
          {goTo.error.message}
        </p>
      )}
      {view.pairedDaemon && !view.pairedDaemon.online && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400" data-testid="daemon-offline">
          This workshop&apos;s GPU, “{view.pairedDaemon.name}” (a daemon your teacher paired), is offline.
          Your teacher can reconnect it; runs work again as soon as it is back, and none of yours are used
          meanwhile.
        </p>
      )}
      {view.broadcast && (
        <TeacherKernel
          title="The teacher sent this kernel"
          testId="broadcast"
          wgsl={view.broadcast.wgsl}
          onUse={setWgsl}
        />
      )}
      {view.spotlight && (
        <TeacherKernel
          title={`In the spotlight: ${view.spotlight.name}'s kernel (step ${view.spotlight.step + 1})`}
          testId="spotlight"
          wgsl={view.spotlight.wgsl}
        />
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          {current && <StepText markdown={current.markdown} goal={current.goal} />}
          <SourceEditor
            value={wgsl}
            onChange={setWgsl}
            onRun={run}
            diagnostics={translation.diagnostics}
            translating={translation.pending}
          />
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className="rounded bg-sky-700 px-3 py-1 text-white"
              onClick={run}
              data-testid="run"
            >
              Run on both sides
            </button>
            <button
              type="button"
              className="rounded bg-emerald-700 px-3 py-1 text-white disabled:opacity-60"
              disabled={submit.isPending}
              onClick={() => submit.mutate({ code, step, wgsl })}
              data-testid="submit"
            >
              {submit.isPending ? `Checking… ${submit.progress ?? ''}` : 'Submit'}
            </button>
          </div>
          <p role="status" aria-live="polite" data-testid="check-result">
            {submit.data && (
              <span
                className={
                  submit.data.pass
                    ? 'text-emerald-700 dark:text-emerald-400'
                    : 'text-rose-700 dark:text-rose-400'
                }
              >
                {submit.data.pass ? 'Passed' : 'Not yet'}: {submit.data.reason}
              </span>
            )}
            {submit.error && <span className="text-rose-700 dark:text-rose-400">{submit.error.message}</span>}
          </p>
        </div>
        <div className="space-y-4">
          <SidePanel
            side="local"
            title="This browser (WebGPU)"
            state={duet.local}
            workload={duet.workload}
            idleText="Run to see this side."
            onCancel={duet.cancel}
          />
          <SidePanel
            side="remote"
            title="Daemon"
            state={duet.remote}
            workload={duet.workload}
            idleText="Run to see this side; while waiting you see your place in the queue."
            onCancel={duet.cancel}
          />
          <VerdictPanel
            comparisons={duet.comparison}
            waiting="Both sides' outputs are compared once both are in."
          />
        </div>
      </div>
    </div>
  );
}

function TeacherKernel({
  title,
  wgsl,
  testId,
  onUse,
}: {
  title: string;
  wgsl: string;
  testId: string;
  onUse?(w: string): void;
}) {
  return (
    <section
      className="rounded border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950"
      data-testid={testId}
    >
      <h2 className="text-sm font-semibold">{title}</h2>
      <pre className="mt-2 max-h-64 overflow-auto text-xs">{wgsl}</pre>
      {onUse && (
        <button type="button" className="mt-2 rounded border px-2 py-0.5 text-sm" onClick={() => onUse(wgsl)}>
          Put it in my editor
        </button>
      )}
    </section>
  );
}
