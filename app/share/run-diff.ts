/**
 * What differs between two shared runs, for /compare: the workload field by field (bindings matched
 * by name, the WGSL by lines) and the machines (each side's backend and device, the browser, the
 * daemon). Each difference is a path with both values as short text.
 */
import type { StoredRun } from '../../server/share/record';

export interface Difference {
  path: string;
  a: string;
  b: string;
}

type Flat = Map<string, string>;

function flatten(value: unknown, path: string, out: Flat): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

function diffFlat(a: Flat, b: Flat): Difference[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys
    .filter((k) => a.get(k) !== b.get(k))
    .map((k) => ({ path: k, a: a.get(k) ?? '—', b: b.get(k) ?? '—' }));
}

/** Lines in one text and not the other, counted both ways (a multiset difference, not a full diff). */
function lineChanges(a: string, b: string): { removed: number; added: number } {
  const count = (lines: string[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const ca = count(a.split('\n'));
  const cb = count(b.split('\n'));
  let removed = 0;
  let added = 0;
  for (const [l, n] of ca) removed += Math.max(0, n - (cb.get(l) ?? 0));
  for (const [l, n] of cb) added += Math.max(0, n - (ca.get(l) ?? 0));
  return { removed, added };
}

export function workloadDiff(a: StoredRun, b: StoredRun): Difference[] {
  const shape = (r: StoredRun) => {
    const { wgsl: _wgsl, bindings, ...rest } = r.workload;
    return { ...rest, bindings: Object.fromEntries(bindings.map((x) => [x.name, x])) };
  };
  const out = diffFlat(flatten(shape(a), '', new Map()), flatten(shape(b), '', new Map()));
  if (a.workload.wgsl !== b.workload.wgsl) {
    const { removed, added } = lineChanges(a.workload.wgsl, b.workload.wgsl);
    out.unshift({ path: 'wgsl', a: `${removed} line(s) only in A`, b: `${added} line(s) only in B` });
  }
  return out;
}

export function deviceDiff(a: StoredRun, b: StoredRun): Difference[] {
  const machine = (r: StoredRun) => ({
    browser: { backend: r.local.backend, device: r.local.device },
    remote: { backend: r.remote.backend, device: r.remote.device },
    environment: r.environment,
  });
  return diffFlat(flatten(machine(a), '', new Map()), flatten(machine(b), '', new Map()));
}
