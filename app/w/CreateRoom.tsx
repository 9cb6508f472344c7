'use client';
/**
 * Creating a room: a shipped lesson or an imported lesson file, the daemon (one of this server's, or
 * a GPU this browser paired: the room's runs then go to it through the pairing relay), runs per student.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc/client';
import { DaemonOptions, daemonChoice } from './DaemonOptions';

export function CreateRoom() {
  const trpc = useTRPC();
  const lessons = useQuery(trpc.workshop.lessons.queryOptions());
  const daemons = useQuery(trpc.daemons.list.queryOptions());
  const [lesson, setLesson] = useState('matmul-tiling');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [title, setTitle] = useState('');
  const [daemon, setDaemon] = useState<'auto' | number>('auto');
  const [runs, setRuns] = useState(60);
  const create = useMutation(trpc.workshop.create.mutationOptions());

  if (create.data) {
    const { joinPath, boardPath, code } = create.data;
    return (
      <section className="space-y-3" data-testid="room-created">
        <h1 className="text-xl font-semibold">Workshop {code} is open</h1>
        <p>
          Students join at{' '}
          <a className="underline" href={joinPath}>
            {joinPath}
          </a>{' '}
          with the code <span className="font-mono">{code}</span>.
        </p>
        <p>
          Your board (keep this link private: it is the teacher&apos;s key):{' '}
          <a className="underline" href={boardPath} data-testid="board-link">
            open the board
          </a>
        </p>
      </section>
    );
  }
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          ...(title.trim() ? { title } : {}),
          lesson: file ? { json: file.text } : { shipped: lesson },
          daemon,
          runsPerStudent: runs,
        });
      }}
    >
      <h1 className="text-xl font-semibold">Open a workshop</h1>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Lesson</legend>
        {lessons.data?.map((l) => (
          <label key={l.id} className="block text-sm">
            <input
              type="radio"
              name="lesson"
              checked={!file && lesson === l.id}
              onChange={() => {
                setLesson(l.id);
                setFile(null);
              }}
            />{' '}
            {l.title} ({l.steps} steps) — {l.summary}
          </label>
        ))}
        <label className="block text-sm">
          or import a lesson file (JSON, docs/workshop.md):{' '}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="lesson-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              setFile(f ? { name: f.name, text: await f.text() } : null);
            }}
          />
        </label>
      </fieldset>
      <label className="block text-sm">
        Title (default: the lesson&apos;s)
        <input
          className="mt-1 block w-full rounded border px-2 py-1 dark:bg-zinc-900"
          value={title}
          maxLength={120}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label className="block text-sm">
        Daemon
        <select
          className="mt-1 block rounded border px-2 py-1 dark:bg-zinc-900"
          value={String(daemon)}
          onChange={(e) => setDaemon(daemonChoice(e.target.value))}
          data-testid="room-daemon"
        >
          <DaemonOptions daemons={daemons.data} />
        </select>
      </label>
      <label className="block text-sm">
        Runs per student (runs and submissions)
        <input
          type="number"
          min={1}
          max={10000}
          className="mt-1 block rounded border px-2 py-1 dark:bg-zinc-900"
          value={runs}
          onChange={(e) => setRuns(Number(e.target.value))}
        />
      </label>
      <button
        type="submit"
        className="rounded bg-sky-700 px-3 py-1 text-white"
        disabled={create.isPending}
        data-testid="create-room"
      >
        {create.isPending ? 'Checking the lesson on the daemon…' : 'Open the room'}
      </button>
      {create.error && (
        <p
          role="alert"
          className="whitespace-pre-wrap text-sm text-rose-700 dark:text-rose-400"
          data-testid="create-error"
        >
          {create.error.message}
        </p>
      )}
    </form>
  );
}
