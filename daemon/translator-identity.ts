/**
 * The translator's version identity: part of the key of the on-disk translation cache
 * (translation-store.ts), so a daemon whose translator changed never serves code a different
 * translator generated.
 *
 * Why a hash of the translator's own source and not a version constant: package.json's version (and
 * any constant in compiler/) changes by hand, rarely, and not with every edit to the emitter, so a
 * checkout being worked on would keep serving code from before an edit. The source is the exact
 * identity. Which files: the module graph of compiler/index.ts, followed through its relative imports
 * (type-only ones included: harmless), not a directory listing — so tests, the corpus, test helpers
 * and the harness that live in compiler/ do not count, and a module the translator starts importing
 * from elsewhere (core/, a new sub-folder) counts without anyone updating a list. Each file counts by
 * path (relative to the entry's folder) and content; the walk reads ~20 files (~0.3 MB) once, at
 * daemon start, in a few ms.
 *
 * When bundled (no compiler/ sources beside this file) or when an import cannot be resolved, the
 * answer is null and the daemon keeps translations in memory only: no identity, no disk cache,
 * never stale code. A bundle that wants the disk cache passes its own identity (e.g. a hash of the
 * bundle, computed at build time) to TranslationStore.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRANSLATOR_ENTRY = fileURLToPath(new URL('../compiler/index.ts', import.meta.url));

// `import … from './x'`, `export … from './x'`, `import './x'`, `import('./x')`. Non-relative
// specifiers (node:…, packages) are not the translator's own code and are not followed.
const IMPORT_RE =
  /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"\n]+)\1|\bimport\s*(['"])(\.{1,2}\/[^'"\n]+)\3/g;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function resolveImport(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.mts`,
    resolve(base, 'index.ts'),
    // TypeScript's NodeNext style: './x.js' names './x.ts'.
    base.replace(/\.(m?)js$/, '.$1ts'),
  ];
  return candidates.find(isFile) ?? null;
}

/** sha256 (hex) over the translator's module graph, or null when its sources cannot all be read. */
export function translatorIdentity(entry: string = TRANSLATOR_ENTRY): string | null {
  const root = dirname(entry);
  const texts = new Map<string, string>();
  const pending = [entry];
  try {
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (texts.has(file)) continue;
      const text = readFileSync(file, 'utf8');
      texts.set(file, text);
      for (const m of text.matchAll(IMPORT_RE)) {
        const target = resolveImport(file, m[2] ?? m[4]!);
        if (target === null) return null;
        if (!texts.has(target)) pending.push(target);
      }
    }
  } catch {
    return null;
  }
  const h = createHash('sha256');
  for (const file of [...texts.keys()].sort()) {
    const text = texts.get(file)!;
    h.update(`${relative(root, file)}\0${Buffer.byteLength(text)}\0`).update(text);
  }
  return h.digest('hex');
}
