import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepEdits } from './keep-edits';

const base = {
  name: 'saxpy',
  dispatch: [4, 1, 1],
  bindings: [
    { name: 'params', kind: 'uniform', fields: { n: 1024, a: 2 } },
    { name: 'x', kind: 'storage-read', length: 1024, init: { iota: { start: 0, step: 1 } } },
  ],
  runs: { warmup: 2, samples: 10 },
};
// The same preset for n = 2048.
const theirs = {
  ...base,
  dispatch: [8, 1, 1],
  bindings: [
    { name: 'params', kind: 'uniform', fields: { n: 2048, a: 2 } },
    { name: 'x', kind: 'storage-read', length: 2048, init: { iota: { start: 0, step: 1 } } },
  ],
};

describe('keepEdits', () => {
  it('takes the new values where the user changed nothing', () => {
    expect(keepEdits(base, base, theirs)).toEqual(theirs);
  });

  it('keeps the user’s edits to fields the new values leave alone, inside objects and lists', () => {
    const mine = structuredClone(base);
    mine.runs.samples = 50;
    mine.bindings[1]!.init = { iota: { start: 5, step: 2 } };
    mine.bindings[0]!.fields!.a = 3;
    const merged = keepEdits(base, mine, theirs) as typeof base;
    expect(merged.runs).toEqual({ warmup: 2, samples: 50 });
    expect(merged.bindings[1]).toEqual({ ...theirs.bindings[1], init: { iota: { start: 5, step: 2 } } });
    expect(merged.bindings[0]!.fields).toEqual({ n: 2048, a: 3 });
    expect(merged.dispatch).toEqual([8, 1, 1]);
  });

  it('lets the new values win over an edit of the same field', () => {
    const mine = structuredClone(base);
    mine.bindings[1]!.length = 512;
    mine.dispatch = [2, 1, 1];
    const merged = keepEdits(base, mine, theirs) as typeof base;
    expect(merged.bindings[1]!.length).toBe(2048);
    expect(merged.dispatch).toEqual([8, 1, 1]);
  });

  it('keeps fields the user added or removed', () => {
    const { runs: _runs, ...withoutRuns } = structuredClone(base);
    const mine = { ...withoutRuns, tolerance: { ulp: 4 } };
    const merged = keepEdits(base, mine, theirs) as Record<string, unknown>;
    expect(merged.tolerance).toEqual({ ulp: 4 });
    expect('runs' in merged).toBe(false);
    expect(merged.dispatch).toEqual([8, 1, 1]);
  });

  it('keeps a list the user resized (a binding added) unless the new values changed it too', () => {
    const mine = structuredClone(base);
    mine.bindings.push({
      name: 'extra',
      kind: 'storage-read',
      length: 4,
      init: { iota: { start: 0, step: 0 } },
    });
    // The new values changed the bindings too: theirs wins for the list as a whole.
    expect((keepEdits(base, mine, theirs) as typeof base).bindings).toEqual(theirs.bindings);
    // A new value that leaves the bindings alone keeps the user's list.
    const samplesOnly = { ...base, runs: { warmup: 2, samples: 20 } };
    const merged = keepEdits(base, mine, samplesOnly) as typeof base;
    expect(merged.bindings).toEqual(mine.bindings);
    expect(merged.runs.samples).toBe(20);
  });

  it('treats keys such as "__proto__" and "toString" as plain keys', () => {
    const mine = JSON.parse('{"name":"saxpy","toString":1,"__proto__":{"x":1}}');
    const merged = keepEdits({ name: 'saxpy' }, mine, { name: 'saxpy2' }) as Record<string, unknown>;
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'name', 'toString']);
    expect(merged.name).toBe('saxpy2');
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('is the new workload when the user made no edits, and the user’s when the values changed nothing', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.string(),
        fc.boolean(),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, json, (b, other) => {
        expect(keepEdits(b, b, other)).toEqual(other);
        expect(keepEdits(b, other, b)).toEqual(other);
      }),
    );
  });
});
