'use client';
/**
 * "Add your own GPU…" (the Remote picker): a one-time code and the command that pairs a GPU host's
 * daemon with this web server (`duet daemon --connect … --pair …`, server/pairing/). Waits for the
 * daemon to dial in, then selects it; the paired daemon shows in this browser's picker only.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { useDaemons } from '../hooks/useDaemons';
import { ensureClientCookie } from '../share/client-id';
import { useTRPC } from '../trpc/client';

type Daemons = ReturnType<typeof useDaemons>;

/** How often the list is asked again while the page waits for the daemon to dial in. */
const WAIT_POLL_MS = 2000;

export function PairDaemon({ daemons, onClose }: { daemons: Daemons; onClose(): void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.pairing.createCode.mutationOptions());
  // The paired daemons there were before this code: a new one is the daemon that used it.
  const before = useRef(
    new Set(daemons.daemons.filter((d) => d.url.startsWith('paired:')).map((d) => d.index)),
  );
  const { mutate } = create;
  useEffect(() => {
    ensureClientCookie();
    mutate();
  }, [mutate]);
  const { refresh, select } = daemons;
  const arrived = daemons.daemons.find(
    (d) => d.url.startsWith('paired:') && d.state === 'ready' && !before.current.has(d.index),
  );
  useEffect(() => {
    if (!create.data || arrived) return;
    const timer = setInterval(() => refresh(), WAIT_POLL_MS);
    return () => clearInterval(timer);
  }, [create.data, arrived, refresh]);
  useEffect(() => {
    if (arrived) select(arrived.index);
  }, [arrived, select]);

  const command = create.data
    ? `npx duet daemon --connect ${window.location.origin} --pair ${create.data.code}`
    : '';
  return (
    <section
      className="flex flex-col gap-1 rounded-md border border-zinc-300 p-2 text-xs dark:border-zinc-700"
      data-testid="pair-panel"
      aria-label="Add your own GPU"
    >
      {create.isPending && <p>Asking the web server for a pairing code…</p>}
      {create.error && (
        <p className="text-rose-700 dark:text-rose-300" role="status">
          Could not get a pairing code: {create.error.message}
        </p>
      )}
      {create.data && !arrived && (
        <>
          <p>
            On the GPU host, run (the code{' '}
            <code data-testid="pair-code" className="font-mono">
              {create.data.code}
            </code>{' '}
            works once, for 10 minutes):
          </p>
          <code
            data-testid="pair-command"
            className="rounded bg-black/5 p-1 font-mono break-all dark:bg-white/10"
          >
            {command}
          </code>
          <p role="status">
            Waiting for the daemon to connect… It will show in this browser's Remote list only.
          </p>
        </>
      )}
      {arrived && (
        <p role="status" data-testid="pair-done">
          Connected: {arrived.url.slice('paired:'.length)} is now your remote.
        </p>
      )}
      <button
        type="button"
        onClick={onClose}
        className="self-start rounded-md border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {arrived ? 'Close' : 'Cancel'}
      </button>
    </section>
  );
}
