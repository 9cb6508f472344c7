/**
 * The sections of the sectioned preludes (common.h, cpu_runtime.h) stand on what they declare: a section
 * uses only names of its own, of `always` sections and of the sections it `needs`; every overload of a
 * name lives in one section (a source missing a section then fails to compile instead of taking another
 * overload through a conversion); and each section with its needs compiles alone (g++ -fsyntax-only;
 * the common prelude with and without f16).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GXX, hasGxx, hasNvcc, NVCC } from '../testkit/native';
import { COMMON } from './common';
import { CPU_RUNTIME } from './cpu_runtime';
import {
  definedNames,
  type PreludeSection,
  parseSections,
  preludeNamesIn,
  type SectionedPrelude,
  withoutF16,
} from './sections';

const PRELUDE = parseSections('compiler/preludes/common.h', COMMON);
const RUNTIME = parseSections('compiler/preludes/cpu_runtime.h', CPU_RUNTIME);
const HEADERS = [PRELUDE, RUNTIME];

/** The section and everything it needs, transitively, with the always sections, in header order. */
function closure(p: SectionedPrelude, s: PreludeSection): PreludeSection[] {
  const byName = new Map(p.sections.map((x) => [x.name, x]));
  const want = new Set<PreludeSection>([s]);
  const todo = [s];
  for (let t = todo.pop(); t; t = todo.pop())
    for (const n of t.needs) {
      const d = byName.get(n)!;
      if (!want.has(d)) {
        want.add(d);
        todo.push(d);
      }
    }
  return p.sections.filter((x) => want.has(x) || x.always);
}

const byName = new Map(PRELUDE.sections.map((s) => [s.name, s]));

describe('common prelude sections', () => {
  it('reads the sections of common.h, the containers among those always present', () => {
    const names = PRELUDE.sections.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['vector', 'containers', 'matrix', 'atomics', 'loop-guard']),
    );
    expect(PRELUDE.sections.filter((s) => s.always).map((s) => s.name)).toEqual(['vector', 'containers']);
    for (const n of ['duet_idx', 'duet_array', 'duet_rt', 'duet_bind', 'duet_sink'])
      expect(byName.get('containers')!.defines.has(n)).toBe(true);
    expect(byName.get('vector')!.defines.has('vec')).toBe(true);
    expect(byName.get('matrix')!.defines.has('mat')).toBe(true);
    expect(PRELUDE.head).toContain('struct DuetParams');
    expect(PRELUDE.tail).toContain('#endif /* DUET_COMMON_H */');
  });

  it.each(HEADERS.map((p) => [p.file, p] as const))(
    '%s: defines every overload of a name in one section, and nothing the head defines',
    (_f, PRELUDE) => {
      const where = new Map<string, string[]>();
      for (const s of PRELUDE.sections)
        for (const n of s.defines) where.set(n, [...(where.get(n) ?? []), s.name]);
      const split = [...where].filter(([, ss]) => ss.length > 1);
      expect(split).toEqual([]);
      const head = definedNames(PRELUDE.head);
      expect([...head].filter((n) => where.has(n))).toEqual([]);
      expect(where.size).toBeGreaterThan(PRELUDE === RUNTIME ? 30 : 100);
    },
  );

  it.each(HEADERS.map((p) => [p.file, p] as const))(
    "%s: a section uses only its own names, the always sections' and those of the sections it needs (declared, earlier)",
    (_f, PRELUDE) => {
      const definer = new Map<string, PreludeSection>();
      for (const s of PRELUDE.sections) for (const n of s.defines) definer.set(n, s);
      const undeclared: string[] = [];
      PRELUDE.sections.forEach((s, i) => {
        const allowed = new Set(closure(PRELUDE, s));
        for (const n of preludeNamesIn(s.text)) {
          const d = definer.get(n);
          if (!d || d === s) continue;
          if (!allowed.has(d) || (s.always && !d.always))
            undeclared.push(`${s.name} uses ${n} of ${d.name} (add 'needs ${d.name}' at line ${s.line})`);
          // A name used before the section that defines it would be found by argument-dependent lookup only.
          if (PRELUDE.sections.indexOf(d) > i)
            undeclared.push(`${s.name} uses ${n} before ${d.name} defines it`);
        }
      });
      expect(undeclared).toEqual([]);
      expect([...preludeNamesIn(PRELUDE.head)].filter((n) => definer.has(n))).toEqual([]);
    },
  );

  it('refuses a malformed marker, an unknown need and a missing end, at their line', () => {
    expect(() => parseSections('h', 'a\n/* @section X */\n/* @end-sections */')).toThrow(
      'h:2: malformed section marker',
    );
    expect(() => parseSections('h', '/* @section a needs b */\n/* @end-sections */')).toThrow(
      "h:1: section 'a' needs 'b', which is not an earlier section",
    );
    expect(() => parseSections('h', '/* @section a */\n/* @section a */\n/* @end-sections */')).toThrow(
      "h:2: section 'a' appears twice",
    );
    expect(() => parseSections('h', '/* @section a */\nx')).toThrow('h: no /* @end-sections */ line');
  });

  it('drops only DUET_USES_F16 groups when f16 is unused, keeping their #else and other conditionals', () => {
    const text = [
      '#ifdef __CUDACC__',
      'cuda',
      '#ifdef DUET_USES_F16',
      'half',
      '#ifdef X',
      'inner',
      '#endif',
      '#else',
      'nohalf',
      '#endif',
      '#else',
      'host',
      '#endif',
      '#ifndef DUET_USES_F16',
      'plain',
      '#endif',
    ].join('\n');
    expect(withoutF16(text).split('\n')).toEqual([
      '#ifdef __CUDACC__',
      'cuda',
      'nohalf',
      '#else',
      'host',
      '#endif',
      'plain',
    ]);
    expect(PRELUDE.sections.some((s) => /\bduet_f16\b/.test(s.text))).toBe(true);
    for (const s of PRELUDE.sections) expect(s.textWithoutF16).not.toMatch(/\bduet_f16\b/);
    expect(PRELUDE.headWithoutF16).not.toMatch(/\bduet_f16\b/);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'duet-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gxx = await hasGxx();

describe.runIf(gxx)('each section compiles with only what it needs (g++ -fsyntax-only)', () => {
  const cases = HEADERS.flatMap((p) => p.sections.map((s) => [`${p.file} ${s.name}`, p, s] as const));
  it.each(cases)('%s', { timeout: 120_000 }, async (_n, p, s) => {
    for (const f16 of p === PRELUDE ? [false, true] : [false]) {
      const parts = closure(p, s).map((x) => (f16 ? x.text : x.textWithoutF16));
      const head = f16 ? `#define DUET_USES_F16 1\n${p.head}` : p.headWithoutF16;
      const file = join(dir, `${p === PRELUDE ? 'common' : 'cpu'}-${s.name}${f16 ? '-f16' : ''}.cpp`);
      writeFileSync(file, [head, ...parts, p.tail].join('\n'));
      await promisify(execFile)(GXX, ['-std=c++17', '-fsyntax-only', '-Wall', '-Werror', file]);
    }
  });
});

describe.runIf(hasNvcc())(
  'each common section compiles with only what it needs (nvcc -fdevice-syntax-only)',
  () => {
    it('every section, f16 on and off, in one nvcc run', { timeout: 600_000 }, async () => {
      const files: string[] = [];
      for (const s of PRELUDE.sections)
        for (const f16 of [false, true]) {
          const parts = closure(PRELUDE, s).map((x) => (f16 ? x.text : x.textWithoutF16));
          const head = f16 ? `#define DUET_USES_F16 1\n${PRELUDE.head}` : PRELUDE.headWithoutF16;
          const file = `nv-${s.name}${f16 ? '-f16' : ''}.cu`;
          writeFileSync(join(dir, file), [head, ...parts, PRELUDE.tail].join('\n'));
          files.push(file);
        }
      const args = [
        '-std=c++17',
        '-arch=sm_90',
        '-fdevice-syntax-only',
        '-Werror',
        'all-warnings',
        '-c',
        ...files,
      ];
      await promisify(execFile)(NVCC, args, { cwd: dir, maxBuffer: 1 << 24 });
    });
  },
);
