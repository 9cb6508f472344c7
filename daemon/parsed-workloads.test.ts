/** daemon/parsed-workloads.ts: a run's body parsed once per text, frozen, bounded. */
import { describe, expect, it } from 'vitest';
import { BodyError } from './http-util';
import { ParsedWorkloads } from './parsed-workloads';

const workload = {
  name: 'fill',
  wgsl: '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() { out[0] = 1u; }',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 1, output: true }],
};
const text = JSON.stringify(workload);

describe('parsed workloads', () => {
  it('parses a text once: the same text again gets the same workload, frozen all the way down', () => {
    const memo = new ParsedWorkloads();
    const a = memo.parse(text);
    const b = memo.parse(text);
    if (!a.ok || !b.ok) throw new Error('expected a valid workload');
    expect(b.workload).toBe(a.workload);
    expect(a.workload).toMatchObject(workload);
    expect(Object.isFrozen(a.workload.bindings[0])).toBe(true);
    expect(Object.isFrozen(a.workload.dispatch)).toBe(true);
    // A run cannot change what the next run with the same text gets.
    expect(() => {
      (a.workload.bindings[0] as { length: number }).length = 1 << 30;
    }).toThrow(TypeError);
    expect(
      (memo.parse(text) as { workload: { bindings: { length: number }[] } }).workload.bindings[0]!.length,
    ).toBe(1);
  });

  it('keeps neither bodies over its byte cap nor invalid workloads; refuses non-JSON with a 400', () => {
    const memo = new ParsedWorkloads(64, text.length - 1);
    const a = memo.parse(text);
    const b = memo.parse(text);
    if (!a.ok || !b.ok) throw new Error('expected a valid workload');
    expect(b.workload).not.toBe(a.workload);
    expect(Object.isFrozen(a.workload)).toBe(false);
    const bad = JSON.stringify({ ...workload, dispatch: 'many' });
    const r = memo.parse(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('dispatch');
    expect(() => memo.parse('{"name":')).toThrow(BodyError);
    try {
      memo.parse('{"name":');
    } catch (e) {
      expect((e as BodyError).status).toBe(400);
      expect((e as BodyError).body.message).toMatch(/^invalid workload: \(body\): not JSON/);
    }
  });

  it('holds at most its number of entries, dropping the least recently used', () => {
    const memo = new ParsedWorkloads(2);
    const texts = ['a', 'b', 'c'].map((name) => JSON.stringify({ ...workload, name }));
    const first = memo.parse(texts[0]!);
    const b0 = memo.parse(texts[1]!);
    memo.parse(texts[0]!); // a is now the most recently used
    memo.parse(texts[2]!); // evicts b
    const a1 = memo.parse(texts[0]!);
    const b1 = memo.parse(texts[1]!);
    if (!first.ok || !a1.ok || !b0.ok || !b1.ok) throw new Error('expected valid workloads');
    expect(a1.workload).toBe(first.workload);
    expect(b1.workload).not.toBe(b0.workload);
    expect(b1.workload).toEqual(b0.workload);
  });
});
