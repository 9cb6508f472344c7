// Small helpers shared by the project's scripts (start, build, test, bench).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve(127);
    });
  });
}

/** Newest modification time (ms) of any file under the given folders, skipping build output. */
export function newestMtime(folders) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (name === 'node_modules' || name === '.next' || name === 'build' || name.startsWith('.')) continue;
        walk(join(p, name));
      }
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const f of folders) walk(join(root, f));
  return newest;
}

/** True when the Next production build is missing or older than the sources it bundles. */
export function nextBuildIsStale() {
  const id = join(root, '.next', 'BUILD_ID');
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ['app', 'server', 'core', 'compiler', 'shaders', 'daemon-client', 'daemon/connect'];
  // Next's own files, and package.json for its `imports` map.
  const config = [
    'proxy.ts',
    'instrumentation.ts',
    'instrumentation-client.ts',
    'next.config.mjs',
    'package.json',
  ];
  return newestMtime([...sources, ...config]) > built;
}

/** Polls `check` until it returns true or `ms` passes. */
export async function waitFor(check, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up within ${Math.round(ms / 1000)} s`);
}
