/**
 * First-load JS of `/` in gzip bytes, from the Next production build (.next/, rebuilt through
 * scripts/build.mjs when stale). The first-load set is what the browser fetches before the page can
 * hydrate: the App Router bootstrap (`rootMainFiles` of .next/build-manifest.json: Next's runtime,
 * React, the Turbopack chunk loader) plus the client chunks of the route's layout and page
 * (`entryJSFiles` of .next/server/app/page_client-reference-manifest.js). `polyfillFiles` load only
 * in browsers without ES modules (`nomodule`), so they are listed apart. The chunks `/` loads later
 * are those its chunks name in a dynamic-import loader (`"static/chunks/….js"`), followed transitively;
 * the editor chunks among them are those holding CodeMirror (`cm-editor`). Chunks of other routes are
 * not counted.
 * Each file is gzipped with node:zlib at level 6 (a typical server's setting) and the sizes summed.
 * Cross-check: `/` is prerendered, and its HTML's <script> tags must name exactly that set + polyfills.
 * Baseline: the bootstrap alone, which any App Router page ships. Also the HTML of `/` itself, as the
 * built app serves it (./page-html.ts): the first thing a browser downloads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measurePageHtml, type PageHtml } from './page-html';

const root = join(import.meta.dirname, '..');

export interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleResult {
  buildId: string;
  firstLoad: Chunk[];
  firstLoadGzip: number;
  bootstrapGzip: number;
  /** firstLoadGzip / bootstrapGzip */
  ratioToBootstrap: number;
  /** firstLoadGzip / 300 kB (the target) */
  ratioToTarget: number;
  editor: Chunk[];
  editorGzip: number;
  /** Other chunks `/` loads by dynamic import (e.g. the WebGPU runner). */
  otherLazy: Chunk[];
  polyfills: Chunk[];
  /** When `/` is prerendered: whether its HTML's script tags name exactly the first-load set + polyfills. */
  htmlAgrees: boolean | null;
  /** The HTML of `/` as served (./page-html.ts); absent in results recorded before it was measured. */
  html?: PageHtml;
}

const TARGET_BYTES = 300_000;

function chunk(file: string): Chunk {
  const data = readFileSync(join(root, '.next', file));
  return { file, bytes: data.byteLength, gzip: gzipSync(data, { level: 6 }).byteLength };
}

function pageEntryFiles(): string[] {
  const text = readFileSync(join(root, '.next/server/app/page_client-reference-manifest.js'), 'utf8');
  const json = text.slice(text.indexOf('= {') + 2).replace(/;\s*$/, '');
  const manifest = JSON.parse(json) as { entryJSFiles: Record<string, string[]> };
  const files = new Set<string>();
  for (const [entry, list] of Object.entries(manifest.entryJSFiles)) {
    if (entry.endsWith('/app/layout') || entry.endsWith('/app/page')) for (const f of list) files.add(f);
  }
  if (!files.size)
    throw new Error('bundle: no app/layout or app/page entry in the client reference manifest');
  return [...files];
}

/** The chunks the prerendered HTML of `/` names, or null when `/` is not prerendered. */
function htmlChunks(): Set<string> | null {
  const html = join(root, '.next/server/app/index.html');
  if (!existsSync(html)) return null;
  const names = readFileSync(html, 'utf8').match(/\/_next\/static\/chunks\/[\w.-]+\.js/g) ?? [];
  return new Set(names.map((n) => n.replace('/_next/', '')));
}

const text = (file: string) => readFileSync(join(root, '.next', file), 'utf8');

/** Chunks named by `from`'s code (dynamic-import loaders), transitively, that are not in `from`. */
function lazyChunks(from: Set<string>): string[] {
  const seen = new Set(from);
  const queue = [...from];
  const found: string[] = [];
  while (queue.length) {
    for (const ref of text(queue.shift()!).match(/static\/chunks\/[\w.-]+\.js/g) ?? []) {
      if (seen.has(ref) || !existsSync(join(root, '.next', ref))) continue;
      seen.add(ref);
      found.push(ref);
      queue.push(ref);
    }
  }
  return found;
}

const sum = (cs: Chunk[]) => cs.reduce((n, c) => n + c.gzip, 0);

export async function benchBundle(): Promise<BundleResult> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    timeout: 600_000,
  });
  if (build.status !== 0) throw new Error(`scripts/build.mjs exited with ${build.status ?? build.signal}`);
  const manifest = JSON.parse(readFileSync(join(root, '.next/build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
    polyfillFiles: string[];
  };
  const bootstrap = manifest.rootMainFiles.map(chunk);
  const firstFiles = new Set([...manifest.rootMainFiles, ...pageEntryFiles()]);
  const firstLoad = [...firstFiles].map(chunk);
  const polyfills = manifest.polyfillFiles.map(chunk);
  const lazy = lazyChunks(firstFiles).filter((f) => !manifest.polyfillFiles.includes(f));
  const isEditor = (f: string) => text(f).includes('cm-editor');
  const editor = lazy.filter(isEditor).map(chunk);
  const otherLazy = lazy.filter((f) => !isEditor(f)).map(chunk);
  const firstLoadGzip = sum(firstLoad);
  const html = htmlChunks();
  const expected = new Set([...firstFiles, ...manifest.polyfillFiles]);
  const htmlAgrees = html ? html.size === expected.size && [...html].every((f) => expected.has(f)) : null;
  return {
    buildId: readFileSync(join(root, '.next/BUILD_ID'), 'utf8').trim(),
    firstLoad,
    firstLoadGzip,
    bootstrapGzip: sum(bootstrap),
    ratioToBootstrap: firstLoadGzip / sum(bootstrap),
    ratioToTarget: firstLoadGzip / TARGET_BYTES,
    editor,
    editorGzip: sum(editor),
    otherLazy,
    polyfills,
    htmlAgrees,
    html: await measurePageHtml(),
  };
}
