/**
 * Re-resolving a preset for a new parameter value without losing the user's own edits to its
 * workload: a three-way merge of JSON values. `base` is the workload the preset gave for the old
 * values, `mine` what the user has made of it since (form or JSON panel), `theirs` the workload for
 * the new values. Whatever the user changed and the new values did not touch is kept (samples,
 * an init, a tolerance); whatever the new values change wins, even over an edit of the same field
 * (the parameter change is the later act: a binding's length follows the new N).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Marks a key the merged object must not have (deleted by the user, or by the new values). */
const ABSENT = Symbol('absent');
type Merged = Json | typeof ABSENT;

function isObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return false;
}

function merge(base: Merged, mine: Merged, theirs: Merged): Merged {
  if (same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  // Both changed: go inside where the three have the same shape, so that edits to different
  // fields of one object (or of one element of a list that kept its length) both survive.
  if (isObject(base) && isObject(mine) && isObject(theirs)) {
    const out: { [key: string]: Json } = {};
    // Own keys only, and defined rather than assigned: a key named "__proto__" or "toString" in the
    // user's JSON is just a key.
    const at = (o: { [key: string]: Json }, k: string): Merged => (Object.hasOwn(o, k) ? o[k]! : ABSENT);
    for (const k of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const v = merge(at(base, k), at(mine, k), at(theirs, k));
      if (v !== ABSENT)
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (
    Array.isArray(base) &&
    Array.isArray(mine) &&
    Array.isArray(theirs) &&
    base.length === mine.length &&
    base.length === theirs.length
  )
    return base.map((b, i) => merge(b, mine[i]!, theirs[i]!)) as Json[];
  return theirs;
}

/** The new workload (`theirs`) with the user's edits since `base` carried over. */
export function keepEdits(base: unknown, mine: unknown, theirs: unknown): unknown {
  const v = merge(base as Json, mine as Json, theirs as Json);
  return v === ABSENT ? theirs : v;
}
