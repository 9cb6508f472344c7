'use client';
/** The daemons this web server is configured with, their state, and which one the page runs on. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc/client';

const RECHECK_MS = 5000;

export function useDaemons() {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.daemons.list.queryOptions(),
    // While a daemon is down, look again now and then so the page notices when it comes up.
    refetchInterval: (q) => (q.state.data?.some((d) => d.state !== 'ready') ? RECHECK_MS : false),
  });
  const [chosen, setChosen] = useState<number | null>(null);
  const daemons = query.data ?? [];
  const firstReady = daemons.find((d) => d.state === 'ready')?.index ?? daemons[0]?.index ?? null;
  const selectedIndex = chosen ?? firstReady;
  const selected = daemons.find((d) => d.index === selectedIndex) ?? null;
  return {
    daemons,
    loading: query.isLoading,
    error: query.error ? query.error.message : null,
    selectedIndex,
    selected,
    select: setChosen,
    refresh: () => query.refetch(),
  };
}
