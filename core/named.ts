/**
 * Objects keyed by names a user chose (binding names, struct member names): `__proto__`,
 * `constructor`, `toString`, `hasOwnProperty` are ordinary names there. A plain `{}` would turn
 * `o.__proto__ = bytes` into a prototype change (the output silently gone) and answer
 * `o.constructor` for a name it never held. So such objects have no prototype, and every lookup
 * asks for an own property.
 */

/** An empty object with no prototype, filled from `entries` (later entries win). */
export function namedRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const o = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) o[k] = v;
  return o;
}

/** `o[name]` when `o` has it as its own property; never a prototype's member. */
export function ownEntry<T>(o: Readonly<Record<string, T>> | null | undefined, name: string): T | undefined {
  return o != null && Object.hasOwn(o, name) ? o[name] : undefined;
}
