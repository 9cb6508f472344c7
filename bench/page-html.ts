/**
 * The HTML of `/` as a browser first receives it, from the production build served the way
 * `npm start` serves it (scripts/web-server.mjs): `/` renders per request, so there is no prerendered
 * file to read. Its size is mostly the page's props (the preset list, server/presets.ts) serialized
 * for hydration. The web server's daemon is a dead port: rendering `/` needs none.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from '../testkit/free-port';
import { waitUp } from '../testkit/wait-up';

const root = join(import.meta.dirname, '..');

export interface PageHtml {
  bytes: number;
  /** node:zlib level 6, as the chunks are measured. */
  gzip: number;
}

function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return Promise.resolve();
  return new Promise((r) => {
    p.once('exit', () => r());
    p.kill('SIGTERM');
  });
}

/** Serves the current build on a free port, fetches `/` once, and stops the server. */
export async function measurePageHtml(): Promise<PageHtml> {
  const port = await freePort();
  const server = spawn(process.execPath, ['scripts/web-server.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DUET_DAEMONS: 'http://127.0.0.1:9',
      DUET_TOKEN: 'bench-page-html',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitUp(url, 'the web server', { ms: 120_000 });
    // Uncompressed, so the figure does not depend on the server's compression.
    const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const html = Buffer.from(await res.arrayBuffer());
    return { bytes: html.byteLength, gzip: gzipSync(html, { level: 6 }).byteLength };
  } finally {
    await stop(server);
  }
}
