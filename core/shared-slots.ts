/**
 * Two WGSL variables may share a (group, binding), and so a slot, when no entry point uses both
 * (WGSL §13.3.2; compiler/reflect.ts numbers one slot per distinct pair). A workload binds the pair
 * once; this picks the variable it fills, for the run plan and the page's workload form.
 */

/**
 * One declared binding per slot. Two WGSL variables share a slot when they share a (group, binding)
 * and no entry point uses both (compiler/reflect.ts). The one kept: the one the dispatched entry
 * points use (`used`, so its type and size are what the workload is checked against), else the one
 * the workload's binding there names, else the first declared.
 */
export function onePerSlot<T extends { slot: number; name: string; group: number; binding: number }>(
  declared: readonly T[],
  bound: readonly { group: number; binding: number; name: string }[],
  used: ReadonlySet<string> = new Set(),
): T[] {
  const rank = (mb: T) =>
    used.has(mb.name)
      ? 2
      : bound.some((b) => b.group === mb.group && b.binding === mb.binding && b.name === mb.name)
        ? 1
        : 0;
  const out = new Map<number, T>();
  for (const mb of declared) {
    const have = out.get(mb.slot);
    if (!have || rank(mb) > rank(have)) out.set(mb.slot, mb);
  }
  return [...out.values()];
}
