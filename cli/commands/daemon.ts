/**
 * duet daemon [--host 127.0.0.1] [--port 7070] [--token T | env DUET_TOKEN] [--backend auto|cuda|cpu]
 *             [--threads N] [--config limits.json] [--tls-cert FILE --tls-key FILE] [--require-sandbox | --no-require-sandbox]
 *             [--connect WEB-SERVER-URL [--pair CODE] [--allow-insecure-http]]
 * duet daemon --check [--backend auto|cuda|cpu]   (cli/commands/daemon-check.ts)
 *
 * Without a token, one is generated on first start, printed, and kept (owner-only file) for the
 * next start.
 */

import { describeWalls, wallsDown } from '../../core/sandbox';
import { ConfigError, loadLimitsFile } from '../../daemon/config';
import { ConnectUrlError, parseWebServerUrl } from '../../daemon/connect/web-server-url';
import { isLoopback, SandboxRequiredError, startDaemon } from '../../daemon/daemon';
import { loadOrCreateToken } from '../../daemon/token-store';
import { oneOf, parseCommandArgs, UsageError } from '../args';
import { connectDaemonOut } from './daemon-connect';

const HELP = `usage: duet daemon [--host 127.0.0.1] [--port 7070] [--token T | env DUET_TOKEN] [--backend auto|cuda|cpu]
                   [--threads N] [--config limits.json] [--tls-cert FILE --tls-key FILE]
                   [--require-sandbox | --no-require-sandbox]
                   [--connect WEB-SERVER-URL [--pair CODE] [--allow-insecure-http]]
       duet daemon --check [--backend auto|cuda|cpu]

  --check          check this machine instead of serving: CUDA driver, NVRTC, device, host<->device
                   bandwidth, sandbox walls, and a tiny kernel run end to end (docs/hosts.md); exit 1
                   when the kernel does not run correctly
  --host, --port   where to listen (default 127.0.0.1:7070; listening beyond loopback wants TLS)
  --token T        the bearer token clients must send (else DUET_TOKEN, else a generated one kept in
                   $XDG_CONFIG_HOME/duet/daemon-token, by default ~/.config/duet/daemon-token)
  --backend        auto (CUDA when there is a device, else CPU emulation), cuda or cpu
  --threads N      worker threads of the CPU backend (default: one per hardware thread; 1…1024)
  --config FILE    limits as JSON, e.g. {"maxRunMs": 5000, "maxQueueLength": 16}; GET /v1/info shows them
  --require-sandbox
                   refuse to start unless the executor's OS sandbox is whole (seccomp, landlock,
                   no_new_privs, unprivileged uid, own network namespace, rlimits, separate compiler:
                   docs/security.md, wall 3). The default when --host is not loopback
  --no-require-sandbox
                   run even when walls are down (loudly logged): anyone who can submit a kernel may
                   then reach more of this machine if the translator and runtime walls fail
  --connect URL    also dial out to the Duet web server at URL (the page's address) and take its runs
                   through that connection: for a GPU host the web server cannot reach. It keeps
                   listening locally as well. Reconnects by itself when the connection drops
  --pair CODE      the one-time code the page shows (Remote → Add your own GPU…); needed the first
                   time only: the secret the web server gives back is kept in
                   $XDG_CONFIG_HOME/duet/pairings.json for later starts
  --allow-insecure-http
                   allow an http:// URL that is not loopback (kernels, results and the pairing
                   secret then cross the network unencrypted); https:// is required otherwise
env: DUET_EXECUTOR (executor program), DUET_CACHE_DIR (cache folder: compiled kernels and translations),
     DUET_TOKEN_FILE (where the token is kept instead, e.g. a systemd credential)`;

export async function daemonCommand(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseDaemonArgs>;
  try {
    values = parseDaemonArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof ConfigError || e instanceof ConnectUrlError)) throw e;
    process.stderr.write(`duet daemon: ${e.message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.check) return (await import('./daemon-check')).daemonCheck({ backend: values.backend });
  let token = values.token ?? process.env.DUET_TOKEN;
  // A token the operator chose is not echoed (logs outlive terminals); a stored one is shown,
  // since whoever connects a web server or CLI needs it.
  let tokenLine = `token: (the one given ${values.token ? 'with --token' : 'in DUET_TOKEN'})`;
  if (!token) {
    const stored = loadOrCreateToken();
    token = stored.token;
    tokenLine = `token: ${token} ${stored.created ? `(generated, saved to ${stored.file})` : `(from ${stored.file})`}`;
  }
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  // Requests are handled inside their own try/catch; anything that still escapes is a bug to log,
  // not a reason to drop every other caller's run.
  process.on('uncaughtException', (e) => log(`internal error (kept running): ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => log(`internal error (kept running): ${(e as Error)?.stack ?? e}`));
  let daemon: Awaited<ReturnType<typeof startDaemon>>;
  try {
    daemon = await startDaemon({
      host: values.host,
      port: values.port,
      token,
      backend: values.backend,
      threads: values.threads,
      limits: values.limits,
      tls: values.tls,
      requireSandbox: values.requireSandbox,
      log,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof SandboxRequiredError) {
      process.stderr.write(`duet daemon: ${err.message}\n`);
      return 1;
    }
    const why =
      err.code === 'EADDRINUSE'
        ? `port ${values.port} on ${values.host} is already in use (another daemon?); pick one with --port`
        : err.message;
    process.stderr.write(`duet daemon: cannot start: ${why}\n`);
    return 1;
  }
  const loopback = isLoopback(values.host);
  process.stdout.write(
    [
      `Duet daemon listening on ${daemon.url} (backend: ${values.backend})`,
      tokenLine,
      `connect: DUET_DAEMONS=${daemon.url} DUET_TOKEN=<token> npm start   or   npx duet run W.json --daemon ${daemon.url} --token <token>`,
      '',
    ].join('\n'),
  );
  if (!loopback && !values.tls)
    log('warning: listening beyond loopback without TLS: the token travels in clear text');
  if (values.requireSandbox === false && !loopback)
    log(
      'WARNING: --no-require-sandbox beyond loopback: kernels from anyone who can reach this daemon run without a whole OS sandbox when walls are down',
    );
  daemon.supervisor
    .waitReady(120_000)
    .then((r) => {
      log(`device: ${r.backend} — ${r.device.name}`);
      if (wallsDown(r.sandbox).length)
        log(`WARNING: the executor's sandbox is incomplete: ${describeWalls(r.sandbox)}`);
    })
    .catch((e: Error) => log(`executor: ${e.message}`));
  const out = values.connect ? connectDaemonOut(daemon, values.connect, values.backend, log) : null;
  const code = await new Promise<number>((resolve) => {
    const stop = () => resolve(0);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // A pairing that cannot go on (a refused code, a wrong address) ends the daemon: its message says why.
    out?.done.catch((e: Error) => {
      process.stderr.write(`duet daemon: ${e.message}\n`);
      resolve(1);
    });
  });
  log('stopping');
  out?.close();
  await daemon.close();
  return code;
}

function parseDaemonArgs(argv: string[]) {
  const { values, positionals } = parseCommandArgs(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    config: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'require-sandbox': { type: 'boolean' },
    'no-require-sandbox': { type: 'boolean' },
    check: { type: 'boolean' },
    connect: { type: 'string' },
    pair: { type: 'string' },
    'allow-insecure-http': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = values.port === undefined ? 7070 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0…65535, not "${values.port}"`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 1024))
    throw new UsageError(`--threads must be a whole number 1…1024, not "${values.threads}"`);
  if (values['require-sandbox'] && values['no-require-sandbox'])
    throw new UsageError('--require-sandbox and --no-require-sandbox contradict each other');
  if (!values['tls-cert'] !== !values['tls-key'])
    throw new UsageError('--tls-cert and --tls-key go together');
  if (!values.connect && (values.pair !== undefined || values['allow-insecure-http']))
    throw new UsageError(
      `--${values.pair !== undefined ? 'pair' : 'allow-insecure-http'} goes with --connect URL`,
    );
  return {
    connect: values.connect
      ? {
          server: parseWebServerUrl(values.connect, { allowInsecureHttp: values['allow-insecure-http'] }),
          code: values.pair,
        }
      : undefined,
    help: values.help ?? false,
    check: values.check ?? false,
    host: values.host ?? '127.0.0.1',
    port,
    token: values.token,
    backend: oneOf(values.backend, ['auto', 'cuda', 'cpu'] as const, '--backend') ?? 'auto',
    threads,
    limits: values.config ? loadLimitsFile(values.config) : undefined,
    tls: values['tls-cert'] ? { cert: values['tls-cert'], key: values['tls-key']! } : undefined,
    /** undefined: the default (required beyond loopback). */
    requireSandbox: values['require-sandbox'] ? true : values['no-require-sandbox'] ? false : undefined,
  };
}
