import { describe, expect, it } from 'vitest';
import { namedRecord, ownEntry } from './named';
import { parseWorkload } from './workload';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('namedRecord / ownEntry', () => {
  it('keeps prototype-named keys as plain entries', () => {
    const o = namedRecord(PROTOTYPE_NAMES.map((n, i) => [n, i] as const));
    expect(Object.keys(o)).toEqual(PROTOTYPE_NAMES);
    PROTOTYPE_NAMES.forEach((n, i) => {
      expect(ownEntry(o, n)).toBe(i);
    });
    expect(Object.getPrototypeOf(o)).toBeNull();
    // biome-ignore lint/suspicious/noProto: the test: assigning `__proto__` must not change the prototype
    o.__proto__ = 42;
    expect(ownEntry(o, '__proto__')).toBe(42);
    expect(Object.getPrototypeOf(o)).toBeNull();
  });

  it('answers undefined for names an object does not hold, whatever its prototype has', () => {
    for (const n of PROTOTYPE_NAMES) {
      expect(ownEntry({}, n)).toBeUndefined();
      expect(ownEntry(namedRecord(), n)).toBeUndefined();
    }
    expect(ownEntry(undefined, 'x')).toBeUndefined();
  });
});

describe('parseWorkload keeps prototype-named keys', () => {
  it('per-pass fields of a binding called __proto__, and fields of a member called constructor', () => {
    const input = JSON.parse(`{"name":"t","wgsl":"x","bindings":[
      {"group":0,"binding":0,"name":"__proto__","kind":"uniform","fields":{"constructor":1}},
      {"group":0,"binding":1,"name":"o","kind":"storage","element":"u32","length":4,"output":true}],
      "passes":[{"entryPoint":"main","dispatch":[1,1,1],"fields":{"__proto__":{"constructor":5}}}]}`);
    const r = parseWorkload(input);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(ownEntry(r.workload.bindings[0]!.fields, 'constructor')).toBe(1);
    const pass = r.workload.passes![0]!.fields!;
    expect(Object.keys(pass)).toEqual(['__proto__']);
    expect(ownEntry(ownEntry(pass, '__proto__'), 'constructor')).toBe(5);
  });

  it('still reports a bad value under its key', () => {
    const r = parseWorkload({
      name: 't',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [{ group: 0, binding: 0, name: 'u', kind: 'uniform', fields: { constructor: 'seven' } }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('bindings[0].fields.constructor');
  });
});
