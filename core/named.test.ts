import { describe, expect, it } from 'vitest';
import { namedRecord, ownEntry } from './named';

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
