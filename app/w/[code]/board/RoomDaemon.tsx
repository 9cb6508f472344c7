'use client';
/**
 * The board's daemon line: which GPU the room runs on when it is one the teacher paired, whether it
 * is online (and how to bring it back), and a picker to move the room to another daemon. Moving
 * checks the lesson's solutions there first (workshop.setDaemon), so it takes a moment.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import { DaemonOptions, daemonChoice } from '../../DaemonOptions';

export function RoomDaemon({
  code,
  secret,
  paired,
}: {
  code: string;
  secret: string;
  paired: { name: string; online: boolean } | null;
}) {
  const trpc = useTRPC();
  const daemons = useQuery(trpc.daemons.list.queryOptions());
  const move = useMutation(trpc.workshop.setDaemon.mutationOptions());
  const [choice, setChoice] = useState('auto');
  return (
    <section className="space-y-1 text-sm" data-testid="board-daemon">
      {paired && (
        <p className={paired.online ? '' : 'text-rose-700 dark:text-rose-400'} role="status">
          Runs on your paired GPU “{paired.name}”:{' '}
          {paired.online
            ? 'online'
            : 'offline. Students cannot run until it is back: on its host, run `npx duet daemon --connect <this page’s address>` again (it keeps its pairing).'}
        </p>
      )}
      <label className="mr-2">
        Move the room to{' '}
        <select
          className="rounded border px-2 py-0.5 dark:bg-zinc-900"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          data-testid="board-daemon-choice"
        >
          <DaemonOptions daemons={daemons.data} />
        </select>
      </label>
      <button
        type="button"
        className="rounded border px-2 py-0.5"
        disabled={move.isPending}
        onClick={() => move.mutate({ code, secret, daemon: daemonChoice(choice) })}
        data-testid="board-daemon-move"
      >
        {move.isPending ? 'Checking the lesson there…' : 'Move'}
      </button>
      {move.error && (
        <p role="alert" className="text-rose-700 dark:text-rose-400">
          {move.error.message}
        </p>
      )}
    </section>
  );
}
