/**
 * Code-only links: the workload itself, compressed into the URL fragment (`/#w=…`). Nothing reaches a
 * server (browsers never send the fragment), so these work without the share database — handy in
 * workshops. Decoding validates with the workload schema and reports field-path issues.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { parseWorkload, type Workload, type WorkloadIssue } from '../../core/workload';
import { parseWire, stringifyWire } from './wire';

export const FRAGMENT_KEY = 'w';

export type FragmentResult =
  | { ok: true; workload: Workload }
  | { ok: false; issues: WorkloadIssue[] }
  /** The fragment holds no workload at all. */
  | { ok: false; issues: []; absent: true };

/** The fragment (without `#`) that carries this workload. */
export function encodeWorkloadFragment(workload: Workload): string {
  return `${FRAGMENT_KEY}=${compressToEncodedURIComponent(stringifyWire(workload))}`;
}

/** Reads `#w=…` (with or without the leading `#`); other fragments count as absent. */
export function decodeWorkloadFragment(hash: string): FragmentResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${FRAGMENT_KEY}=`;
  if (!text.startsWith(prefix)) return { ok: false, issues: [], absent: true };
  const json = decompressFromEncodedURIComponent(text.slice(prefix.length));
  if (!json) {
    return {
      ok: false,
      issues: [{ path: '(link)', message: 'the link is damaged: its workload does not decompress' }],
    };
  }
  let value: unknown;
  try {
    value = parseWire(json);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, issues: [{ path: '(link)', message: `the link is damaged: ${message}` }] };
  }
  return parseWorkload(value);
}
