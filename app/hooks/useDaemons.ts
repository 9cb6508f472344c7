'use client';
/**
 * The daemons this web server is configured with, their state, and where the page's runs go: one
 * daemon, or 'auto' (the least-loaded reachable one, chosen by the server per run) when there are
 * several. The user's choice lasts as long as the page.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AUTO, type DaemonChoice, effectiveChoice, offersAuto } from '../lib/daemon-choice';
import { useTRPC } from '../trpc/client';

const RECHECK_MS = 5000;

export function useDaemons() {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.daemons.list.queryOptions(),
    // While a daemon is down, look again now and then so the page notices when it comes up.
    refetchInterval: (q) => (q.state.data?.some((d) => d.state !== 'ready') ? RECHECK_MS : false),
  });
  const [chosen, setChosen] = useState<DaemonChoice | null>(null);
  const daemons = query.data ?? [];
  /** Where runs go: a daemon's index, 'auto', or null (none configured, or not listed yet). */
  const choice = effectiveChoice(chosen, daemons);
  /** The one daemon chosen; null with 'auto' (the server picks per run) or without daemons. */
  const selected = choice === AUTO ? null : (daemons.find((d) => d.index === choice) ?? null);
  return {
    daemons,
    loading: query.isLoading,
    error: query.error ? query.error.message : null,
    choice,
    auto: choice === AUTO,
    offersAuto: offersAuto(daemons),
    selected,
    select: setChosen,
    refresh: () => query.refetch(),
  };
}
