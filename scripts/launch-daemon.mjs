// `duet daemon` as a child process on loopback, resolved once it listens (the URL it prints on
// stdout, so port 0 lets the kernel pick a free port with no race). One launcher for `npm start`
// (scripts/start.mjs) and the test kit (testkit/daemon-process.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './lib.mjs';

const LISTENING = /listening on (\S+)/;
const STDERR_TAIL_CHARS = 20_000;

/**
 * Starts the daemon with its token in the environment (never on the command line, where `ps`
 * shows it). Rejects, with the daemon's stderr, if it exits or stays silent for `startMs`.
 */
export function launchDaemon({
  token,
  backend = 'cpu',
  port = 0,
  config,
  env = {},
  echo = false,
  startMs = 60_000,
}) {
  const args = ['daemon', '--host', '127.0.0.1', '--port', String(port), '--backend', backend];
  if (config) args.push('--config', config);
  const child = spawn(process.execPath, [join(root, 'bin', 'duet.mjs'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, DUET_TOKEN: token },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => {
    if (echo) process.stdout.write(c);
    if (out !== null) out += c.toString();
  });
  child.stderr.on('data', (c) => {
    if (echo) process.stderr.write(c);
    err = (err + c.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const stderr = () => err;
  const stop = async (signal = 'SIGTERM', waitMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, waitMs).unref())]);
  };
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.stdout.off('data', onOut);
      reject(new Error(`duet daemon ${why}${err ? `: ${err.trim()}` : ''}`));
    };
    const timer = setTimeout(() => {
      fail(`did not start listening within ${startMs / 1000} s`);
      child.kill('SIGTERM');
    }, startMs);
    const onOut = () => {
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onOut);
      out = null;
      resolve({ url: m[1], port: Number(new URL(m[1]).port), child, exited, stderr, stop });
    };
    child.stdout.on('data', onOut);
    exited.then((code) => fail(`exited (${code}) before it listened`));
  });
}
