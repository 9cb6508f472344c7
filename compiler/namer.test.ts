/**
 * The module's name registry (compiler/namer.ts): what it reserves, how it hands names out, and two
 * checks against this machine's compilers: the header macro list is complete, and every name the
 * preludes declare (as g++ sees them, not as the registry's own reading of the text) is reserved.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HEADER_MACROS } from './emit/header-macros';
import { CPP_KEYWORDS, Namer, preludeNames, RESERVED, sanitize } from './namer';
import { COMMON } from './preludes/common';
import { CPU_RUNTIME } from './preludes/cpu_runtime';
import { SUBGROUPS } from './preludes/subgroups';
import { GXX, hasGxx, runOnCpu } from './testkit/native';
import { translate } from './translate';

const run = promisify(execFile);

describe('Namer', () => {
  it('keeps free names, escapes reserved ones, numbers the rest', () => {
    const n = new Namer();
    expect(n.name('a')).toBe('a');
    expect(n.name('a')).toBe('a_1');
    expect(n.name('a_1')).toBe('a_1_1'); // a_1 is taken: never two declarations with one C++ name
    expect(n.name('a_1_1')).toBe('a_1_1_1');
    expect(n.name('int')).toBe('int_');
    expect(n.name('int_')).toBe('int_1');
    expect(n.name('M_PI')).toBe('M_PI_');
    expect(n.name('N')).toBe('N');
    expect(n.name('TILE_SIZE')).toBe('TILE_SIZE');
  });

  it('gives names that meet after escaping different C++ names', () => {
    const n = new Namer();
    expect([n.name('_x'), n.name('w_x')]).toEqual(['w_x', 'w_x_1']);
    expect([n.name('a__b'), n.name('a_U_b')]).toEqual(['a_U_b', 'a_U_b_1']);
    expect([n.name('p'), n.name('p_')]).toEqual(['p_', 'p_1']);
    const m = new Namer();
    expect([m.name('p_'), m.name('p')]).toEqual(['p_', 'p_1']);
  });

  it('keeps user names out of the generated prefix and off generated names', () => {
    const n = new Namer();
    for (const g of ['duet_t0', 'DUET_FN', 'DuetCtx', 'ctx', 'lane', 'control', 'stopped', 'wg', 'wgsl'])
      expect(n.name(g)).not.toBe(g);
    expect(n.name('duet_t0')).toBe('w_duet_t0_1');
    expect(n.fresh('duet_t')).toBe('duet_t0');
    expect(n.fresh('duet_t')).toBe('duet_t1');
  });

  it('never hands out a C++-reserved identifier (double underscore, leading underscore)', () => {
    for (const s of ['_a', '__a', 'a__', 'a___b', '_', 'x__y__z', '_duet']) {
      const c = sanitize(s);
      expect(c).not.toMatch(/__|^_/);
      expect(c).not.toMatch(/^duet/i);
    }
  });

  it('takes derived names with the name, and a child avoids its parent', () => {
    const n = new Namer();
    const s = n.name('S', (c) => [`duet_make_${c}`]);
    expect(s).toBe('S');
    expect(n.isFree('duet_make_S')).toBe(false);
    const child = new Namer(n);
    expect(child.name('S')).toBe('S_1');
    expect(n.isFree('S_1')).toBe(true); // the child's names stay its own
  });

  it('reserves every macro, type and function the preludes declare (read from their text)', () => {
    for (const name of [
      'vec',
      'mat',
      'DUET_FN',
      'DUET_MAX_SLOTS',
      'DuetParams',
      'duet_idx',
      'duet_make_array',
    ])
      expect(RESERVED.has(name)).toBe(true);
    // Parameters and template parameters of the preludes' own functions stay free for user names.
    const names = preludeNames(COMMON);
    for (const name of ['x', 'i', 'n', 'v', 'a', 'b', 'T', 'N', 'To']) expect(names.has(name)).toBe(false);
  });

  it("lists every macro this machine's g++ (and nvcc, when present) headers define", () => {
    expect(HEADER_MACROS.size).toBeGreaterThan(500);
    const r = spawnSync(process.execPath, [join(__dirname, '../scripts/gen-header-macros.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

const gxx = await hasGxx();

/** g++'s errors for `source`, one compile. */
async function gxxErrors(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'duet-namer-'));
  try {
    writeFileSync(join(dir, 'k.cpp'), source);
    const r = await run(GXX, ['-std=c++17', '-fsyntax-only', '-fmax-errors=0', join(dir, 'k.cpp')], {
      maxBuffer: 1 << 26,
    }).catch((e: { stderr: string }) => ({ stderr: e.stderr }));
    return r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!gxx)('the reserved names cover what g++ sees the preludes declare', () => {
  const prelude = [COMMON, CPU_RUNTIME, SUBGROUPS].join('\n');
  // Names only the implementation may use (`__x`, `_X`) never reach user names (sanitize).
  const reachable = (n: string) => !n.includes('__') && !n.startsWith('_');

  it('every macro defined after the preludes is reserved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-namer-'));
    try {
      writeFileSync(join(dir, 'k.cpp'), prelude);
      const r = await run(GXX, ['-std=c++17', '-E', '-dM', join(dir, 'k.cpp')], { maxBuffer: 1 << 26 });
      const macros = [...r.stdout.matchAll(/^#define (\w+)/gm)].map((m) => m[1]!).filter(reachable);
      expect(macros.length).toBeGreaterThan(100);
      expect(macros.filter((m) => !RESERVED.has(m))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every namespace-scope name the preludes add is reserved', { timeout: 60_000 }, async () => {
    // `namespace X {}` conflicts with anything already named X at namespace scope (type, function,
    // variable, template, macro). Probe every identifier of the prelude text after the system headers
    // alone and after the preludes: the names that conflict only after the preludes are theirs.
    // Keywords (`static_assert`) are no names: `namespace static_assert {}` derails the parse of every
    // later line, and they are reserved anyway.
    const keywords = new Set(CPP_KEYWORDS.split(/\s+/));
    const words = [...new Set(prelude.match(/[A-Za-z_]\w*/g) ?? [])].filter(
      (w) => reachable(w) && !keywords.has(w),
    );
    const includes = prelude.match(/^#include <(?!cuda)[^>]+>$/gm)!.join('\n');
    const conflicts = async (prefix: string) => {
      const first = prefix.split('\n').length + 1;
      const errors = await gxxErrors(`${prefix}\n${words.map((w) => `namespace ${w} {}`).join('\n')}\n`);
      const lines = [...errors.matchAll(/k\.cpp:(\d+):\d+: error/g)].map((m) => Number(m[1]) - first);
      return new Set(lines.filter((i) => i >= 0 && i < words.length).map((i) => words[i]!));
    };
    const base = await conflicts(includes);
    const theirs = [...(await conflicts(prelude))].filter((w) => !base.has(w));
    expect(theirs).toEqual(expect.arrayContaining(['vec', 'mat', 'duet_idx', 'DuetParams', 'DUET_FN']));
    expect(theirs.filter((w) => !RESERVED.has(w))).toEqual([]);
  });
});

describe.skipIf(!gxx)('user names that meet C library or each other build and run (g++)', () => {
  it('a struct `tm` and an entry point `signgam` (C library names) stay apart from the C library', async () => {
    const r = translate(
      `struct tm { a: u32, b: u32 }
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read_write> t: tm;
@compute @workgroup_size(1) fn signgam() { t.b = 5u; out[0] = t.a + 7u; }`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: { out: 4, t: 8 } });
    expect(res.words).toEqual([7]);
  });

  it('entry points `_x` and `w_x` (equal after escaping) get their own symbols', async () => {
    const r = translate(
      `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn _x() { out[0] = 1u; }
@compute @workgroup_size(1) fn w_x() { out[0] = 2u; }`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.kernels.map((k) => k.symbol)).toEqual(['duet_k_w_x', 'duet_k_w_x_1']);
    for (const [i, k] of r.kernels.entries()) {
      const res = await runOnCpu(r.code, k, r.bindings, { dispatch: 1, sizes: { out: 4 } });
      expect(res.words).toEqual([i + 1]);
    }
  });

  it('struct members that meet after escaping, or equal module names, keep their own storage', async () => {
    const r = translate(
      `struct T { _a: u32, w_a: u32, a__b: u32, a_U_b: u32, int: u32, T: u32, r: u32, o: u32 }
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<private> w_a: u32 = 100u;
@compute @workgroup_size(1) fn main() {
  var t = T(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u);
  t.w_a += w_a;
  let u = t;
  out[0] = u._a; out[1] = u.w_a; out[2] = u.a__b; out[3] = u.a_U_b;
  out[4] = u.int; out[5] = u.T; out[6] = u.r; out[7] = u.o;
}`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: { out: 32 } });
    expect(res.words).toEqual([1, 102, 3, 4, 5, 6, 7, 8]);
  });

  it('kernel symbols are ASCII and bounded, whatever the entry point is called', () => {
    const long = `e${'x'.repeat(300)}`;
    const r = translate(
      `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn 入口() { out[0] = 1u; }
@compute @workgroup_size(1) fn ${long}() { out[0] = 2u; }
@compute @workgroup_size(1) fn ${long}y() { out[0] = 3u; }`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const symbols = r.kernels.map((k) => k.symbol);
    expect(symbols[0]).toBe('duet_k_u5165u53e3');
    expect(new Set(symbols).size).toBe(3);
    // daemon/executor/src/run_request.cpp validSymbol: duet_k_, ASCII word characters, 8 to 200 bytes.
    for (const s of symbols) expect(s).toMatch(/^duet_k_\w{1,193}$/);
  });
});
