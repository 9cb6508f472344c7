import { describe, expect, it } from 'vitest';
import { onePerSlot } from './shared-slots';

const declared = [
  { slot: 0, group: 0, binding: 0, name: 'ssbo' },
  { slot: 0, group: 0, binding: 0, name: 'ubo' },
  { slot: 1, group: 0, binding: 1, name: 'out' },
];

describe('onePerSlot: the variable a workload fills where two share a (group, binding)', () => {
  it('keeps the one the workload names there, else the first declared', () => {
    const names = (bound: { group: number; binding: number; name: string }[]) =>
      onePerSlot(declared, bound).map((b) => b.name);
    expect(names([{ group: 0, binding: 0, name: 'ubo' }])).toEqual(['ubo', 'out']);
    expect(names([{ group: 0, binding: 0, name: 'ssbo' }])).toEqual(['ssbo', 'out']);
    expect(names([{ group: 0, binding: 0, name: 'neither' }])).toEqual(['ssbo', 'out']);
    // A name at another (group, binding) does not pick it.
    expect(names([{ group: 0, binding: 1, name: 'ubo' }])).toEqual(['ssbo', 'out']);
  });

  it('keeps the one the dispatched entry points use, whatever the workload names', () => {
    const bound = [{ group: 0, binding: 0, name: 'ssbo' }];
    expect(onePerSlot(declared, bound, new Set(['ubo', 'out'])).map((b) => b.name)).toEqual(['ubo', 'out']);
  });
});
