import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../index';

const HEAD = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<uniform> u: vec4<u32>;
@group(0) @binding(2) var<storage, read> ro: array<u32>;
var<workgroup> wg: array<u32, 64>;
var<workgroup> flag: u32;
var<workgroup> counter: atomic<u32>;
`;
const ENTRY = `@compute @workgroup_size(64)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(local_invocation_index) li: u32, @builtin(num_workgroups) nwg: vec3<u32>) {`;

/** `body` is the entry point's body; `fns` extra module-scope code. */
function run(body: string, fns = ''): string[] {
  const r = translate(`${HEAD}${fns}\n${ENTRY}\n${body}\n}\n`, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
}

function rejected(body: string, fns = '', what = 'workgroupBarrier'): string {
  const d = run(body, fns);
  expect(d.join('\n')).toMatch(new RegExp(`error: '${what}' must only be called from uniform control flow`));
  return d[0]!;
}

function accepted(body: string, fns = ''): void {
  expect(run(body, fns)).toEqual([]);
}

// Every case here except the builtin-struct one was also compiled by headless Chromium (Tint), with the same verdict.
describe('uniformity analysis (WGSL §15.2)', () => {
  it('rejects a barrier under a non-uniform condition, pointing at the call, the condition and the source', () => {
    const d = rejected('  if (lid.x == 0u) {\n    workgroupBarrier();\n  }');
    const lines = d.split('\n');
    expect(lines[0]).toBe(
      "k.wgsl:12:5: error: 'workgroupBarrier' must only be called from uniform control flow",
    );
    expect(lines[1]).toMatch(/^k\.wgsl:11:\d+: note: control flow depends on possibly non-uniform value$/);
    expect(lines[2]).toMatch(/^k\.wgsl:9:\d+: note: builtin 'lid' of 'main' may be non-uniform$/);
  });

  it('accepts barriers under uniform conditions', () => {
    accepted('  if (wid.x == 0u) { workgroupBarrier(); }');
    accepted('  if (u.x > 3u && nwg.y == 1u) { storageBarrier(); }');
    accepted('  if (ro[wid.x] == 0u) { workgroupBarrier(); }'); // read-only storage is uniform
    accepted('  for (var i = 0u; i < u.x; i++) { workgroupBarrier(); }');
    accepted('  let n = arrayLength(&out);\n  for (var i = 0u; i < n; i++) { workgroupBarrier(); }');
  });

  it('accepts a barrier after the non-uniform branch reconverges', () => {
    accepted('  if (li == 0u) { wg[0] = 1u; }\n  workgroupBarrier();');
    accepted('  for (var i = 0u; i < li; i++) { wg[li] += 1u; }\n  workgroupBarrier();');
    accepted(
      '  loop { if (lid.x > 3u) { break; } wg[li] = 1u; if (wid.x == 0u) { break; } }\n  workgroupBarrier();',
    );
    accepted('  switch (li) { case 0u: { wg[0] = 1u; } default: {} }\n  workgroupBarrier();');
  });

  it('rejects other non-uniform sources', () => {
    rejected('  if (out[0] == 0u) { workgroupBarrier(); }'); // read_write storage
    rejected('  if (wg[0] == 0u) { workgroupBarrier(); }'); // workgroup memory
    rejected('  if (atomicLoad(&counter) == 0u) { workgroupBarrier(); }');
    rejected('  let x = li * 2u;\n  if (x > 4u) { workgroupBarrier(); }');
    rejected('  var x = 0u;\n  x = lid.y;\n  if (x > 4u) { workgroupBarrier(); }');
    rejected('  var x = 0u;\n  if (li > 3u) { x = 1u; }\n  if (x > 0u) { workgroupBarrier(); }');
    rejected('  while (li < 10u) { workgroupBarrier(); }');
    rejected('  switch (li) { case 0u: { workgroupBarrier(); } default: {} }');
    rejected('  if (wid.x == 0u || li == 3u) { workgroupBarrier(); }');
  });

  it('rejects a barrier after a non-uniform break, continue or return', () => {
    rejected('  for (var i = 0u; i < 8u; i++) {\n    if (li == i) { break; }\n    workgroupBarrier();\n  }');
    rejected(
      '  for (var i = 0u; i < 8u; i++) {\n    if (li == i) { continue; }\n    workgroupBarrier();\n  }',
    );
    rejected('  if (li == 0u) { return; }\n  workgroupBarrier();');
    rejected('  loop {\n    workgroupBarrier();\n    if (li == 2u) { break; }\n  }'); // the 2nd iteration diverged
  });

  it('a variable changed in a loop under non-uniform control flow is non-uniform on the next iteration', () => {
    rejected(
      '  var x = 0u;\n  for (var i = 0u; i < 4u; i++) {\n    if (x > 0u) { workgroupBarrier(); }\n    x = li;\n  }',
    );
    accepted(
      '  var x = 0u;\n  for (var i = 0u; i < 4u; i++) {\n    if (x > 0u) { workgroupBarrier(); }\n    x = u.y + i;\n  }',
    );
  });

  it('propagates requirements through function calls (call-site and parameter tags)', () => {
    const sync = 'fn sync() { workgroupBarrier(); }\n';
    const d = rejected('  if (li == 0u) { sync(); }', sync, 'sync');
    expect(d).toMatch(/note: 'sync' requires uniformity because of this: 'workgroupBarrier'/);
    accepted('  if (wid.x == 0u) { sync(); }', sync);
    const gated = 'fn gated(n: u32) { if (n > 0u) { workgroupBarrier(); } }\n';
    expect(run('  gated(li);', gated).join('\n')).toMatch(/error: possibly non-uniform value passed here/);
    accepted('  gated(wid.y);', gated);
    const id = 'fn id(n: u32) -> u32 { return n; }\n';
    rejected('  if (id(li) > 0u) { workgroupBarrier(); }', id);
    accepted('  if (id(wid.x) > 0u) { workgroupBarrier(); }', id);
    const nonu = 'fn count() -> u32 { return atomicAdd(&counter, 1u); }\n';
    rejected('  if (count() > 0u) { workgroupBarrier(); }', nonu);
  });

  it('tracks values written through pointer parameters', () => {
    const put = 'fn put(p: ptr<function, u32>, v: u32) { *p = v; }\n';
    rejected('  var x = 0u;\n  put(&x, li);\n  if (x > 0u) { workgroupBarrier(); }', put);
    accepted('  var x = 0u;\n  put(&x, wid.x);\n  if (x > 0u) { workgroupBarrier(); }', put);
  });

  it('workgroupUniformLoad results are uniform, and its pointer must be uniform', () => {
    accepted(
      '  if (li == 0u) { flag = 1u; }\n  if (workgroupUniformLoad(&flag) == 1u) { workgroupBarrier(); }',
    );
    rejected('  if (li == 0u) { let v = workgroupUniformLoad(&flag); }', '', 'workgroupUniformLoad');
    expect(run('  let v = workgroupUniformLoad(&wg[li]);').join('\n')).toMatch(
      /error: possibly non-uniform value passed here/,
    );
  });

  it('does not analyze unreachable code', () => {
    accepted('  return;\n  if (li == 0u) { workgroupBarrier(); }');
  });

  it('entry point builtin structs: only the non-uniform members are non-uniform', () => {
    const fns = `struct In { @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) li: u32 }
@compute @workgroup_size(64) fn other(i: In) {
  if (i.wid.x == 0u) { workgroupBarrier(); }
  if (i.li == 0u) { storageBarrier(); }
}
`;
    const r = translate(`${HEAD}${fns}`, { file: 'k.wgsl', target: 'cpu', entryPoints: ['other'] });
    expect(r.ok ? [] : r.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^k\.wgsl:10:21: error: 'storageBarrier' must only be called from uniform control flow/,
      ),
    ]);
  });
});

describe('uniformity of subgroup operations (Tint: subgroup_uniformity is an error by default)', () => {
  const SG = `enable subgroups;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32, @builtin(subgroup_size) sz: u32) {
`;
  const go = (body: string, pre = '') => {
    const r = translate(`${pre}${SG}${body}\n}\n`, { file: 'k.wgsl', target: 'cpu' });
    return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
  };
  it('requires uniform control flow, and their results are non-uniform', () => {
    expect(go('  if (sz == 32u) { out[0] = subgroupAdd(li); }')).toEqual([]);
    expect(go('  if (li < 32u) { out[0] = subgroupAdd(li); }').join('\n')).toMatch(
      /error: 'subgroupAdd' must only be called from uniform control flow/,
    );
    expect(go('  if (subgroupElect()) { workgroupBarrier(); }').join('\n')).toMatch(
      /'workgroupBarrier' must only be called from uniform control flow[\s\S]*'subgroupElect' may be non-uniform/,
    );
    expect(go('  out[li] = subgroupShuffleXor(li, li);').join('\n')).toMatch(
      /possibly non-uniform value passed here/,
    );
  });
  it('honours diagnostic(off, subgroup_uniformity)', () => {
    expect(
      go('  if (li < 32u) { out[0] = subgroupAdd(li); }', 'diagnostic(off, subgroup_uniformity);\n'),
    ).toEqual([]);
  });

  it('treats subgroup_id as non-uniform and num_subgroups as uniform (WGSL subgroup_id feature)', () => {
    const src = (cond: string) => `enable subgroups;
requires subgroup_id;
@compute @workgroup_size(64)
fn main(@builtin(subgroup_id) sg: u32, @builtin(num_subgroups) n: u32) {
  if (${cond}) {
    workgroupBarrier();
  }
}
`;
    const diags = (cond: string) => {
      const r = translate(src(cond), { file: 'k.wgsl', target: 'cpu' });
      return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
    };
    expect(diags('sg == 0u').join('\n')).toMatch(
      /error: 'workgroupBarrier' must only be called from uniform control flow[\s\S]*builtin 'sg' of 'main' may be non-uniform/,
    );
    expect(diags('n == 2u')).toEqual([]);
  });
});
