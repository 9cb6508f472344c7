/**
 * The translation cache: memory level, disk level (a second cache over the same folder, translator
 * identity, corrupt records, unwritable folder, size bounds) and the translator identity itself.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate as realTranslate } from '../compiler/index';
import {
  type TranslateFn,
  type TranslateOutput,
  TranslationCache,
  type TranslationResult,
  translationKey,
} from './translation';
import { openTranslationStore, TranslationStore } from './translation-store';
import { TRANSLATOR_ENTRY, translatorIdentity } from './translator-identity';

const opts = { file: 'k.wgsl', target: 'cpu' as const, entryPoints: ['main'] };

/** A fake translator: the code names the source, so each source is a distinct entry. */
function fakeTranslator() {
  return vi.fn<TranslateFn>((source, o) => {
    if (source.includes('error')) {
      return {
        ok: false,
        diagnostics: [{ file: 'k.wgsl', line: 1, col: 1, severity: 'error', message: 'bad' }],
      };
    }
    return {
      ok: true,
      code: `// ${o.target} ${JSON.stringify(o.overrides ?? {})}\n${source}\n${'x'.repeat(200)}`,
      kernels: [{ entryPoint: 'main', symbol: 'duet_main', workgroupSize: [64, 1, 1] }],
      bindings: [],
    } satisfies TranslateOutput;
  });
}

function ok(r: TranslationResult) {
  if (!r.ok) throw new Error('translation failed');
  return r.translation;
}

function records(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.translation'));
  } catch {
    return [];
  }
}

let tmp: string;
/** Stores a test opened: their background writes must end before the folder goes, or the write
 * lands mid-removal (rmSync: ENOTEMPTY) in a test that did not wait for it. */
const opened: TranslationStore[] = [];
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'duet-translations-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.flush()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('TranslationCache in memory', () => {
  it('translates once per key and reports hits', () => {
    const tr = fakeTranslator();
    const c = new TranslationCache(tr);
    const a = ok(c.run('src A', opts));
    const b = ok(c.run('src A', opts));
    expect(a.cacheHit).toBe(false);
    expect(b.cacheHit).toBe(true);
    expect(b.code).toBe(a.code);
    expect(b.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tr).toHaveBeenCalledTimes(1);
    expect(c.stats).toEqual({ memoryHits: 1, diskHits: 0, misses: 1 });
  });

  it('keys on target, entry points and overrides (in any order), not on the file name', () => {
    const tr = fakeTranslator();
    const c = new TranslationCache(tr);
    c.run('s', { ...opts, overrides: { a: 1, b: 2 } });
    expect(ok(c.run('s', { ...opts, file: 'other.wgsl', overrides: { b: 2, a: 1 } })).cacheHit).toBe(true);
    expect(ok(c.run('s', { ...opts, overrides: { a: 1, b: 3 } })).cacheHit).toBe(false);
    expect(ok(c.run('s', { ...opts, target: 'cuda' })).cacheHit).toBe(false);
    expect(ok(c.run('s', { ...opts, entryPoints: ['other'] })).cacheHit).toBe(false);
    expect(translationKey('a', 's', opts)).not.toBe(translationKey('b', 's', opts));
  });

  it('returns diagnostics and does not cache failures', () => {
    const tr = fakeTranslator();
    const c = new TranslationCache(tr);
    expect(c.run('error', opts).ok).toBe(false);
    expect(c.run('error', opts).ok).toBe(false);
    expect(tr).toHaveBeenCalledTimes(2);
  });
});

describe('TranslationCache on disk', () => {
  const store = (
    id = 'translator-1',
    extra: Partial<ConstructorParameters<typeof TranslationStore>[0]> = {},
  ) => {
    const s = new TranslationStore({ dir: join(tmp, 'translations'), translatorId: id, ...extra });
    opened.push(s);
    return s;
  };

  it('serves a second cache (a restarted daemon) from disk without translating', async () => {
    const s1 = store();
    const first = ok(new TranslationCache(fakeTranslator(), s1).run('src A', opts));
    await s1.flush();
    expect(records(s1.dir)).toHaveLength(1);

    const tr = fakeTranslator();
    const c2 = new TranslationCache(tr, store());
    const fromDisk = ok(c2.run('src A', opts));
    expect(tr).not.toHaveBeenCalled();
    expect(fromDisk.cacheHit).toBe(true);
    // The run names its source by hash; the code is read out of the record only when asked for.
    expect(fromDisk.code).toBeNull();
    const { code, loadCode: _l1, ...head } = first;
    const { code: _c, loadCode: _l2, ...diskHead } = fromDisk;
    expect({ ...diskHead, ms: 0 }).toEqual({ ...head, ms: 0, cacheHit: true });
    expect(fromDisk.loadCode()).toBe(code);
    expect(tr).not.toHaveBeenCalled();
    // Then from memory.
    expect(ok(c2.run('src A', opts)).cacheHit).toBe(true);
    expect(c2.stats).toEqual({ memoryHits: 1, diskHits: 1, misses: 0 });
  });

  it('round-trips a real translation (code, kernels, bindings with layouts)', async () => {
    // A non-ASCII identifier (WGSL allows them; the translator keeps names): the record keeps the
    // generated UTF-8 intact.
    const wgsl = readFileSync(
      new URL('../compiler/corpus/040-matrix-multiply.wgsl', import.meta.url),
      'utf8',
    ).replace(/\bsum\b/g, 'somme_\u00e9');
    const o = { file: 'mm.wgsl', target: 'cuda' as const, entryPoints: [] as string[] };
    const s1 = store();
    const fresh = ok(new TranslationCache(realTranslate as TranslateFn, s1).run(wgsl, o));
    await s1.flush();
    const tr = vi.fn(realTranslate as TranslateFn);
    const again = ok(new TranslationCache(tr, store()).run(wgsl, o));
    expect(again.loadCode()).toBe(fresh.code);
    expect(tr).not.toHaveBeenCalled();
    expect(again.kernels).toEqual(fresh.kernels);
    expect(again.bindings).toEqual(fresh.bindings);
    expect(again.sourceHash).toBe(fresh.sourceHash);
    // Header line, then the code as it is (the non-ASCII identifier included).
    const text = readFileSync(join(s1.dir, records(s1.dir)[0]!), 'utf8');
    expect(text.slice(text.indexOf('\n') + 1)).toBe(fresh.code);
    expect(fresh.code).toMatch(/[^\x00-\x7f]/);
  });

  it('flushes: the cache resolves once the record it wrote in the background is on disk', async () => {
    const s = store();
    const c = new TranslationCache(fakeTranslator(), s);
    c.run('src A', opts);
    await c.flush(); // what a closing daemon waits for before its cache folder may go
    expect(records(s.dir)).toHaveLength(1);
  });

  it('misses when the translator identity differs', async () => {
    const s1 = store('translator-1');
    new TranslationCache(fakeTranslator(), s1).run('src A', opts);
    await s1.flush();
    const tr = fakeTranslator();
    expect(ok(new TranslationCache(tr, store('translator-2')).run('src A', opts)).cacheHit).toBe(false);
    expect(tr).toHaveBeenCalledTimes(1);
  });

  it('does not store failed translations', async () => {
    const s = store();
    expect(new TranslationCache(fakeTranslator(), s).run('error', opts).ok).toBe(false);
    await s.flush();
    expect(records(s.dir)).toEqual([]);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2)],
    ['empty', () => ''],
    ['not JSON', () => '\u0000\u0001garbage'],
    ['another format', (t: string) => t.replace('"format":1', '"format":99')],
    ['longer than its header says', (t: string) => `${t}\n`],
    ['header only', (t: string) => t.slice(0, t.indexOf('\n'))],
    ['another key', (t: string) => t.replace(/"key":"[0-9a-f]+"/, `"key":"${'0'.repeat(64)}"`)],
  ])('treats a %s record as a miss, removes it and writes it again', async (_, spoil) => {
    const s1 = store();
    new TranslationCache(fakeTranslator(), s1).run('src A', opts);
    await s1.flush();
    const [name] = records(s1.dir);
    const file = join(s1.dir, name!);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, spoil(good));

    const tr = fakeTranslator();
    const s2 = store();
    const r = ok(new TranslationCache(tr, s2).run('src A', opts));
    expect(r.cacheHit).toBe(false);
    expect(tr).toHaveBeenCalledTimes(1);
    await s2.flush();
    expect(readFileSync(file, 'utf8')).toBe(good);
  });

  it('checks the code against its hash when it is asked for: damaged code is translated again', async () => {
    const s1 = store();
    const first = ok(new TranslationCache(fakeTranslator(), s1).run('src A', opts));
    await s1.flush();
    const file = join(s1.dir, records(s1.dir)[0]!);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('src A', 'src B')); // same length, other bytes

    const tr = fakeTranslator();
    const s2 = store();
    const c2 = new TranslationCache(tr, s2);
    const r = ok(c2.run('src A', opts));
    expect(r.cacheHit).toBe(true); // the head is whole: the run may go by hash
    expect(tr).not.toHaveBeenCalled();
    // The executor lost its module and asks for the code: the damaged bytes never reach it.
    expect(r.loadCode()).toBe(first.code);
    expect(tr).toHaveBeenCalledTimes(1);
    await s2.flush();
    expect(readFileSync(file, 'utf8')).toBe(good);
    // Loaded once, kept: a later run (memory hit) carries the code.
    expect(ok(c2.run('src A', opts)).code).toBe(first.code);
  });

  it('reads a head longer than the first read (many kernels) and the code after it', async () => {
    // 300 kernels make a head of ~20 KB, past the store's first read of the file's first bytes.
    const many: TranslateFn = (src, o) => {
      const out = fakeTranslator()(src, o);
      if (!out.ok) return out;
      const kernels = Array.from({ length: 300 }, (_, i) => ({
        ...out.kernels[0]!,
        entryPoint: `entry_${i}`,
      }));
      return { ...out, kernels };
    };
    const s1 = store();
    const first = ok(new TranslationCache(many, s1).run('src A', opts));
    await s1.flush();
    const text = readFileSync(join(s1.dir, records(s1.dir)[0]!), 'utf8');
    expect(text.indexOf('\n')).toBeGreaterThan(16 * 1024);

    const tr = vi.fn(many);
    const fromDisk = ok(new TranslationCache(tr, store()).run('src A', opts));
    expect(fromDisk.cacheHit).toBe(true);
    expect(fromDisk.kernels).toEqual(first.kernels);
    expect(fromDisk.loadCode()).toBe(first.code);
    expect(tr).not.toHaveBeenCalled();
  });

  it.each([
    ['removed (evicted by another daemon)', (file: string) => rmSync(file)],
    ['made longer', (file: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}// more\n`)],
  ])(
    'translates again when the record is %s between the hit and the request for its code',
    async (_, change) => {
      const s1 = store();
      const first = ok(new TranslationCache(fakeTranslator(), s1).run('src A', opts));
      await s1.flush();
      const file = join(s1.dir, records(s1.dir)[0]!);

      const tr = fakeTranslator();
      const s2 = store();
      const fromDisk = ok(new TranslationCache(tr, s2).run('src A', opts));
      expect(fromDisk.cacheHit).toBe(true);
      await s2.flush(); // the hit's touch of the file is done
      change(file);
      // The code is read only now: what is on disk no longer matches the head, so it is translated again.
      expect(fromDisk.loadCode()).toBe(first.code);
      expect(tr).toHaveBeenCalledTimes(1);
      await s2.flush();
      expect(readFileSync(file, 'utf8').endsWith(first.code!)).toBe(true);
    },
  );

  it('gives no code when translating again gives other code than the hash names', async () => {
    const s1 = store();
    new TranslationCache(fakeTranslator(), s1).run('src A', opts);
    await s1.flush();
    const file = join(s1.dir, records(s1.dir)[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('src A', 'src B'));
    const drifted: TranslateFn = (src, o) => {
      const out = fakeTranslator()(src, o);
      return out.ok ? { ...out, code: `${out.code}// another translator\n` } : out;
    };
    const r = ok(new TranslationCache(drifted, store()).run('src A', opts));
    expect(r.loadCode()).toBeNull();
  });

  it('keeps working from memory when the folder cannot be written, and logs once', async () => {
    const notADir = join(tmp, 'file');
    writeFileSync(notADir, '');
    const log = vi.fn();
    const s = new TranslationStore({ dir: join(notADir, 'translations'), translatorId: 'x', log });
    const tr = fakeTranslator();
    const c = new TranslationCache(tr, s);
    for (const src of ['a', 'b', 'c']) expect(ok(c.run(src, opts)).cacheHit).toBe(false);
    expect(ok(c.run('a', opts)).cacheHit).toBe(true);
    await s.flush();
    expect(ok(c.run('d', opts)).cacheHit).toBe(false);
    await s.flush();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/translation cache: cannot create .*memory only/);
  });

  it('bounds the number of records, evicting the least recently used', async () => {
    const s = store('x', { maxFiles: 4 });
    const c = new TranslationCache(fakeTranslator(), s);
    for (const src of ['e0', 'e1', 'e2', 'e3']) c.run(src, opts);
    await s.flush();
    await new Promise((r) => setTimeout(r, 20));
    // A disk hit (fresh memory level, same store) makes e0 the most recently used record.
    expect(ok(new TranslationCache(fakeTranslator(), s).run('e0', opts)).cacheHit).toBe(true);
    await s.flush();
    await new Promise((r) => setTimeout(r, 20));
    const has = (src: string) => records(s.dir).includes(`${translationKey('x', src, opts)}.translation`);
    // 5 records > 4: down to 90% of the bound (3), the two least recently used go.
    c.run('e4', opts);
    await s.flush();
    expect(['e0', 'e1', 'e2', 'e3', 'e4'].map(has)).toEqual([true, false, false, true, true]);
    for (const src of ['e5', 'e6', 'e7', 'e8', 'e9']) {
      c.run(src, opts);
      await s.flush();
      expect(records(s.dir).length).toBeLessThanOrEqual(4);
    }
    expect(s.usage()!.files).toBe(records(s.dir).length);
    expect(has('e9')).toBe(true);
  });

  it('bounds the bytes, counting records another store wrote before', async () => {
    const s1 = store('x');
    const c1 = new TranslationCache(fakeTranslator(), s1);
    for (let i = 0; i < 5; i++) c1.run(`first ${i}`, opts);
    await s1.flush();
    const recordBytes = s1.usage()!.bytes / 5;
    const s2 = store('x', { maxBytes: Math.floor(recordBytes * 6.5) });
    const c2 = new TranslationCache(fakeTranslator(), s2);
    for (let i = 0; i < 5; i++) c2.run(`second ${i}`, opts);
    await s2.flush();
    const bytes = records(s2.dir).reduce((n, f) => n + readFileSync(join(s2.dir, f)).length, 0);
    expect(bytes).toBeLessThanOrEqual(recordBytes * 6.5);
    expect(s2.usage()!.bytes).toBe(bytes);
  });

  it('removes temp files left over from a crash, not fresh ones', async () => {
    const dir = join(tmp, 'translations');
    mkdirSync(dir);
    const stale = join(dir, `${'a'.repeat(64)}.translation.tmp.1.0`);
    const fresh = join(dir, `${'b'.repeat(64)}.translation.tmp.1.0`);
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(stale, old, old);
    const s = store();
    new TranslationCache(fakeTranslator(), s).run('src', opts);
    await s.flush();
    expect(readdirSync(dir).sort()).toEqual(
      [`${'b'.repeat(64)}.translation.tmp.1.0`, records(dir)[0]].sort(),
    );
  });

  it('opens under <cache dir>/translations, or not at all without a translator identity', () => {
    const log = vi.fn();
    expect(openTranslationStore(tmp, log, null)).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/memory only/));
    expect(openTranslationStore(tmp, log, 'id')!.dir).toBe(join(tmp, 'translations'));
  });
});

describe('translatorIdentity', () => {
  it('hashes the translator module graph: stable, and a real hash', () => {
    const id = translatorIdentity();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(translatorIdentity(TRANSLATOR_ENTRY)).toBe(id);
  });

  it('changes when any imported module changes, including one outside the entry folder', () => {
    mkdirSync(join(tmp, 'c', 'sub'), { recursive: true });
    mkdirSync(join(tmp, 'core'));
    const entry = join(tmp, 'c', 'index.ts');
    writeFileSync(entry, "export { a } from './sub/a';\nimport type { W } from '../core/w';\n");
    writeFileSync(join(tmp, 'c', 'sub', 'a.ts'), "import { b } from './b.js';\nexport const a = b;\n");
    writeFileSync(join(tmp, 'c', 'sub', 'b.ts'), 'export const b = 1;\n');
    writeFileSync(join(tmp, 'core', 'w.ts'), 'export type W = number;\n');
    writeFileSync(join(tmp, 'c', 'unrelated.test.ts'), 'x');
    const id = translatorIdentity(entry);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(tmp, 'c', 'unrelated.test.ts'), 'y');
    expect(translatorIdentity(entry)).toBe(id);
    writeFileSync(join(tmp, 'c', 'sub', 'b.ts'), 'export const b = 2;\n');
    const id2 = translatorIdentity(entry);
    expect(id2).not.toBe(id);
    writeFileSync(join(tmp, 'core', 'w.ts'), 'export type W = string;\n');
    expect(translatorIdentity(entry)).not.toBe(id2);
  });

  it('is null when the sources are missing (bundled) or an import does not resolve', () => {
    expect(translatorIdentity(join(tmp, 'nothing', 'index.ts'))).toBeNull();
    const entry = join(tmp, 'index.ts');
    writeFileSync(entry, "import { x } from './missing';\n");
    expect(translatorIdentity(entry)).toBeNull();
  });
});
