import { describe, expect, it } from 'vitest';
import { formatWorkloadJson, parseDraft } from './workload-draft';

const base = {
  name: 't',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'y', kind: 'storage', element: 'f32', length: 4, output: true }],
};

describe('parseDraft', () => {
  it('joins the editor source and the JSON into a valid workload', () => {
    const r = parseDraft('@compute @workgroup_size(1) fn main() {}', JSON.stringify(base));
    expect(r.ok && r.workload.wgsl).toContain('fn main');
  });

  it('reports field paths', () => {
    const bad = { ...base, bindings: [{ ...base.bindings[0], length: 'many' }] };
    const r = parseDraft('fn main() {}', JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('bindings[0].length');
  });

  it('reports JSON syntax errors with a position', () => {
    const r = parseDraft('fn main() {}', '{\n  "name": ,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toMatch(/^JSON/);
  });
});

describe('formatWorkloadJson', () => {
  it('round-trips and keeps short arrays on one line', () => {
    const w = { ...base, overrides: { WG: 64 }, runs: { warmup: 2, samples: 10 } };
    const text = formatWorkloadJson(w);
    expect(JSON.parse(text)).toEqual(w);
    expect(text).toContain('"dispatch": [1, 1, 1]');
  });
});
