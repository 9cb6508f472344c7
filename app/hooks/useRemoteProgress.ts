'use client';
/** Polls the web server for the daemon's progress on the run in flight (queue position, phase). */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';

const POLL_MS = 300;

export function useRemoteProgress(ticket: string | null, active: boolean): string | null {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.runs.progress.queryOptions({ ticket: ticket ?? '' }),
    enabled: active && ticket !== null,
    refetchInterval: active ? POLL_MS : false,
    staleTime: 0,
  });
  return active ? (query.data?.text ?? null) : null;
}
