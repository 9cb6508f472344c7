'use client';
/**
 * Loads a workload from a code link (`/#w=…`) into the playground when the page opens or the
 * fragment changes. Invalid links come back as issues with field paths.
 */
import { useEffect, useState } from 'react';
import type { Workload, WorkloadIssue } from '../../core/workload';
import { decodeWorkloadFragment } from '../../server/share/fragment';

export function useFragmentWorkload(load: (w: Workload) => void): WorkloadIssue[] | null {
  const [issues, setIssues] = useState<WorkloadIssue[] | null>(null);
  useEffect(() => {
    const read = () => {
      const r = decodeWorkloadFragment(window.location.hash);
      if (r.ok) {
        load(r.workload);
        setIssues(null);
      } else if (!('absent' in r)) setIssues(r.issues);
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, [load]);
  return issues;
}
