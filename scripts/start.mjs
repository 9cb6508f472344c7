// `npm start`: the embedded default. Builds what is missing, starts a local Duet daemon on loopback
// with a fresh token (CUDA when a GPU is present, CPU emulation otherwise) unless DUET_DAEMONS and
// DUET_TOKEN point at running daemons, then serves the web app and prints the URL to open.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { register } from 'tsx/esm/api';
import { launchDaemon } from './launch-daemon.mjs';
import { root, run, waitFor } from './lib.mjs';

// The environment, checked before a minutes-long build (server/env.ts, loaded through tsx as bin/duet.mjs does).
register();
const { orExit, parseStartEnv } = await import('../server/env.ts');
const env = orExit(() => parseStartEnv(process.env));
const port = env.PORT;
const children = [];
const stopAll = (code) => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

if ((await run(process.execPath, ['scripts/build.mjs'])) !== 0) {
  console.error('duet: build failed (see above)');
  process.exit(1);
}

let daemons = env.DUET_DAEMONS?.join(',');
let token = env.DUET_TOKEN;
if (!daemons) {
  token = token || randomBytes(24).toString('base64url');
  // On a free port unless DUET_DAEMON_PORT names one; the output goes on to this terminal.
  const daemon = await launchDaemon({
    token,
    backend: env.DUET_BACKEND,
    port: env.DUET_DAEMON_PORT ?? 0,
    // A limits file for the local daemon (a workshop's own limits).
    config: env.DUET_DAEMON_CONFIG,
    echo: true,
  }).catch((e) => {
    console.error(`duet: ${e.message}`);
    stopAll(1);
  });
  daemons = daemon.url;
  children.push(daemon.child);
  daemon.child.on('exit', (code) => {
    console.error(`duet: the local daemon exited (${code}); the page will show it as unreachable`);
  });
} else if (!token) {
  console.error('duet: DUET_DAEMONS is set but DUET_TOKEN is not; give the token the daemon printed');
  process.exit(2);
}

// Not `next start`: scripts/web-server.mjs gives the app each browser's address from the connection.
const web = spawn(process.execPath, ['scripts/web-server.mjs'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, PORT: String(port), DUET_DAEMONS: daemons, DUET_TOKEN: token },
});
children.push(web);
web.on('exit', (code) => stopAll(code ?? 1));
await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 120_000, 'the web app');
console.log(`\n  Duet is running: http://127.0.0.1:${port}/   (daemon: ${daemons})\n`);
