'use client';
/** The runs of this browser session (in memory), newest first: re-openable and comparable in pairs. */
import { useCallback, useState } from 'react';
import type { OutputComparison } from '../../core/compare';
import type { Workload } from '../../core/workload';
import type { LocalState, RemoteState } from '../lib/side-state';

export interface HistoryEntry {
  id: number;
  at: Date;
  workload: Workload;
  local: LocalState;
  remote: RemoteState;
  comparison: OutputComparison[] | null;
}

const MAX_ENTRIES = 30;

export function useRunHistory() {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const record = useCallback((e: HistoryEntry) => {
    setEntries((list) => (list.some((x) => x.id === e.id) ? list : [e, ...list].slice(0, MAX_ENTRIES)));
  }, []);
  return { entries, record };
}

/** Two runs are comparable when they ran the same kernel name with the same outputs. */
export function comparable(a: HistoryEntry, b: HistoryEntry): boolean {
  const outs = (w: Workload) =>
    w.bindings
      .filter((x) => x.output)
      .map((x) => x.name)
      .join();
  return a.workload.name === b.workload.name && outs(a.workload) === outs(b.workload);
}
