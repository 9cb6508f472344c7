'use client';
/**
 * The live board: `workshop.board` streamed (a new state at each change in the room), with the
 * teacher's actions. The teacher secret comes from the link's fragment and goes only into the
 * tRPC calls' bodies.
 */
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useState } from 'react';
import type { AppRouter } from '../../../../server/router';
import { downloadFile } from '../../../lib/download';
import { useTRPC, useTRPCClient } from '../../../trpc/client';
import { RoomDaemon } from './RoomDaemon';

type BoardState =
  inferRouterOutputs<AppRouter>['workshop']['board'] extends AsyncIterable<infer S> ? S : never;

function useBoard(code: string, secret: string | null) {
  const client = useTRPCClient();
  const [board, setBoard] = useState<BoardState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!secret) return;
    const controller = new AbortController();
    (async () => {
      // A stream ends after BOARD_STREAM_MS; ask again until the page goes away.
      while (!controller.signal.aborted) {
        try {
          const states = await client.workshop.board.query({ code, secret }, { signal: controller.signal });
          for await (const s of states) setBoard(s);
        } catch (e) {
          if (controller.signal.aborted) return;
          setError((e as Error).message);
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    })();
    return () => controller.abort();
  }, [client, code, secret]);
  return { board, error };
}

export function Board({ code }: { code: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [broadcastText, setBroadcastText] = useState('');
  useEffect(() => setSecret(decodeURIComponent(window.location.hash.slice(1)) || null), []);
  const { board, error } = useBoard(code, secret);
  const setLocked = useMutation(trpc.workshop.setLocked.mutationOptions());
  const spotlight = useMutation(trpc.workshop.spotlight.mutationOptions());
  const broadcast = useMutation(trpc.workshop.broadcast.mutationOptions());
  const close = useMutation(trpc.workshop.close.mutationOptions());

  if (!secret) return <p role="alert">This board needs the teacher link (it ends in #…).</p>;
  if (!board) return <p role="status">{error ?? 'Loading the board…'}</p>;
  const t = { code, secret };
  return (
    <div className="space-y-4" data-testid="board">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">
          {board.title} {board.closed && <span className="text-rose-700">(closed)</span>}
        </h1>
        <p className="text-sm" data-testid="board-queue">
          {board.queue
            ? `queue: ${board.queue.length} waiting, ${board.queue.running} running`
            : 'daemon not answering'}{' '}
          · checks took {(board.busyMs / 1000).toFixed(1)} s
        </p>
      </header>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <RoomDaemon code={code} secret={secret} paired={board.pairedDaemon} />
      <table className="w-full text-sm" data-testid="board-steps">
        <thead>
          <tr className="text-left">
            <th>Step</th>
            <th>Attempts</th>
            <th>Passed</th>
            <th>Fastest correct kernel</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {board.steps.map((s, i) => {
            const locked = board.locked.includes(i);
            return (
              <tr key={s.title}>
                <td>
                  {i + 1}. {s.title}
                </td>
                <td>{s.attempts}</td>
                <td>{s.passed}</td>
                <td>{s.fastest ? `${s.fastest.name}: ${s.fastest.kernelMs.toPrecision(3)} ms` : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="rounded border px-2 py-0.5"
                    data-testid={`lock-${i}`}
                    onClick={() => setLocked.mutate({ ...t, step: i, locked: !locked })}
                  >
                    {locked ? 'Unlock' : 'Lock'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="w-full text-sm" data-testid="board-students">
        <thead>
          <tr className="text-left">
            <th>Student</th>
            <th>On step</th>
            {board.steps.map((s, i) => (
              <th key={s.title}>Step {i + 1}</th>
            ))}
            <th>Runs</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {board.students.map((st) => (
            <tr key={st.id} data-testid="board-student">
              <td>{st.name}</td>
              <td>{st.step + 1}</td>
              {st.progress.map((p, i) => (
                <td key={board.steps[i]?.title ?? i}>
                  {p.passed ? `✓ (${p.attempts})` : p.attempts ? `✗ (${p.attempts})` : '·'}
                </td>
              ))}
              <td>{st.runsUsed}</td>
              <td>
                <button
                  type="button"
                  className="rounded border px-2 py-0.5"
                  onClick={() => spotlight.mutate({ ...t, student: st.id, step: st.step })}
                >
                  Spotlight
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {board.spotlightKernel && (
        <section
          className="rounded border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950"
          data-testid="board-spotlight"
        >
          <h2 className="text-sm font-semibold">
            In the spotlight: {board.spotlightKernel.name}&apos;s kernel (step{' '}
            {board.spotlightKernel.step + 1})
          </h2>
          <pre className="mt-2 max-h-96 overflow-auto text-sm">{board.spotlightKernel.wgsl}</pre>
        </section>
      )}
      {board.spotlight && (
        <button
          type="button"
          className="rounded border px-2 py-0.5 text-sm"
          onClick={() => spotlight.mutate({ ...t, student: null, step: 0 })}
        >
          End the spotlight
        </button>
      )}
      <section className="space-y-2">
        <label className="block text-sm">
          Send a kernel to every student
          <textarea
            className="mt-1 block h-32 w-full rounded border p-2 font-mono text-xs dark:bg-zinc-900"
            value={broadcastText}
            onChange={(e) => setBroadcastText(e.target.value)}
            data-testid="broadcast-text"
          />
        </label>
        <button
          type="button"
          className="rounded bg-sky-700 px-3 py-1 text-white"
          disabled={!broadcastText.trim()}
          onClick={() => broadcast.mutate({ ...t, wgsl: broadcastText })}
          data-testid="broadcast-send"
        >
          Broadcast
        </button>
      </section>
      <div className="flex gap-2">
        <button
          type="button"
          className="rounded border px-3 py-1"
          data-testid="export-csv"
          onClick={async () =>
            downloadFile(`workshop-${code}.csv`, await client.workshop.csv.query(t), 'text/csv')
          }
        >
          Export results (CSV)
        </button>
        <button
          type="button"
          className="rounded border px-3 py-1"
          data-testid="export-lesson"
          onClick={async () =>
            downloadFile(`lesson-${code}.json`, await client.workshop.lesson.query(t), 'application/json')
          }
        >
          Export the lesson
        </button>
        <button
          type="button"
          className="rounded border border-rose-700 px-3 py-1 text-rose-700"
          disabled={board.closed}
          onClick={() => close.mutate(t)}
          data-testid="close-room"
        >
          Close the room
        </button>
      </div>
    </div>
  );
}
