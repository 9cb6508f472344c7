import { describe, expect, it } from 'vitest';
import { planRun } from '../core/run-plan';
import { parseWorkload } from '../core/workload';
import { formatDiagnostic, translate } from './index';

const translated = (wgsl: string) => {
  const t = translate(wgsl, { file: 'k.wgsl', target: 'cpu' });
  if (!t.ok) throw new Error(t.diagnostics.map(formatDiagnostic).join('\n'));
  return t;
};
const viewBytes = (wgsl: string) =>
  Object.fromEntries(translated(wgsl).kernels.map((k) => [k.entryPoint, k.viewBytes]));

// Tint resolver.cc RegisterBufferView / CheckBufferViews: an unsized buffer's minimum binding size is
// the largest minimum size of the types an entry point views it as; the constant offset does not count.
describe('the minimum size of an unsized buffer from its views', () => {
  it('is the largest view type of the entry point, without the offset', () => {
    const bytes = viewBytes(`
struct Head { a: vec4u, rest: array<vec2u> }
@group(0) @binding(0) var<storage, read_write> v: buffer;
@group(0) @binding(1) var<storage, read_write> w: buffer;
@compute @workgroup_size(1) fn main() {
  bufferView<vec4u>(&v, 64).x = 1u;
  *bufferView<u32>(&v, 0) = 2u;
  bufferArrayView<Head>(&w, 32, 40).a.x = 3u;
}`);
    expect(bytes).toEqual({
      main: [
        { slot: 0, bytes: 16 },
        { slot: 1, bytes: 24 },
      ],
    });
  });

  it('follows pointer parameters and lets to the variable, per entry point', () => {
    const bytes = viewBytes(`
@group(0) @binding(0) var<storage, read_write> v: buffer;
fn put(p: ptr<storage, buffer, read_write>) { bufferView<array<u32, 8>>(p, 0)[0] = 1u; }
fn twice(q: ptr<storage, buffer, read_write>) { put(q); }
@compute @workgroup_size(1) fn viaCalls() { twice(&v); }
@compute @workgroup_size(1) fn viaLet() { let p = &v; let q = p; bufferView<vec2u>(q, 8).x = 1u; }
@compute @workgroup_size(1) fn lengthOnly() { _ = bufferLength(&v); }`);
    expect(bytes).toEqual({
      viaCalls: [{ slot: 0, bytes: 32 }],
      viaLet: [{ slot: 0, bytes: 8 }],
      lengthOnly: [],
    });
  });

  it('follows `&(*p)` back to the pointer it undoes (WGSL 6.4.8)', () => {
    const bytes = viewBytes(`
@group(0) @binding(0) var<storage, read_write> v: buffer;
fn put(p: ptr<storage, buffer, read_write>) { bufferView<vec4u>(&(*p), 0).x = 1u; }
@compute @workgroup_size(1) fn viaParam() { put(&(*(&v))); }
@compute @workgroup_size(1) fn viaLet() { let p = &v; bufferView<array<u32, 6>>(&(*p), 4)[0] = 1u; }`);
    expect(bytes).toEqual({ viaParam: [{ slot: 0, bytes: 16 }], viaLet: [{ slot: 0, bytes: 24 }] });
  });

  it('leaves sized buffers to their N', () => {
    const bytes = viewBytes(`
@group(0) @binding(0) var<storage, read_write> v: buffer<64>;
@compute @workgroup_size(1) fn main() { bufferView<vec4u>(&v, 16).x = 1u; }`);
    expect(bytes).toEqual({ main: [] });
  });
});

describe('the run plan refuses an unsized buffer smaller than its views', () => {
  const wgsl = `
@group(0) @binding(0) var<storage, read_write> v: buffer;
@compute @workgroup_size(1) fn wide() { bufferView<vec4u>(&v, 16).x = 1u; }
@compute @workgroup_size(1) fn narrow() { *bufferView<u32>(&v, 0) = 1u; }`;
  const plan = (entryPoint: string, length: number) => {
    const w = parseWorkload({
      name: 'views',
      wgsl,
      entryPoint,
      dispatch: [1, 1, 1],
      bindings: [{ group: 0, binding: 0, name: 'v', kind: 'storage', element: 'u32', length, output: true }],
    });
    if (!w.ok) throw new Error(JSON.stringify(w.issues));
    const r = planRun(w.workload, translated(wgsl));
    return r.ok ? r.plan.slots.map((s) => s.bytes) : r.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('names the field, the bytes needed and the entry point whose views need them', () => {
    expect(plan('wide', 2)).toEqual([
      'bindings[0].length: "v" (buffer) needs at least 16 bytes (the views of entry point "wide"), the workload gives 8',
    ]);
  });

  it('plans the buffer once it holds the largest view, and counts only the dispatched entry point', () => {
    expect(plan('wide', 4)).toEqual([16]);
    expect(plan('narrow', 2)).toEqual([8]);
  });
});
