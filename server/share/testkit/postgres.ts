/**
 * A throwaway PostgreSQL for tests, from Debian's packages (apt package `postgresql`): initdb into a
 * fresh directory under the temp dir, listen on a free loopback port, trust auth, drop it all on stop.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (created by the
 * package) or else `nobody`, through runuser.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../../testkit/free-port';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** The directory holding initdb/pg_ctl: $DUET_PG_BINDIR, pg_config's, or the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.DUET_PG_BINDIR) candidates.push(process.env.DUET_PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {}
  try {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {}
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

export const POSTGRES_MISSING =
  'PostgreSQL binaries not found (initdb, pg_ctl): install the Debian package `postgresql` ' +
  '(or set DUET_PG_BINDIR) to run the storage tests against PostgreSQL';

function runAsUser(): string | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return 'postgres';
  } catch {
    return 'nobody';
  }
}

function uidOf(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function run(bin: string, args: string[], user: string | null): Promise<{ code: number; out: string }> {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
  return new Promise((resolve) => {
    const child = spawn(cmd, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (e) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function startTestPostgres(binDir: string): Promise<TestPostgres> {
  const user = runAsUser();
  const base = mkdtempSync(join(tmpdir(), 'duet-pg-'));
  const data = join(base, 'data');
  if (user) {
    const { uid, gid } = uidOf(user);
    chownSync(base, uid, gid);
  }
  chmodSync(base, 0o700);
  const init = await run(
    join(binDir, 'initdb'),
    ['-D', data, '-U', 'duet', '--auth=trust', '--encoding=UTF8', '--no-sync', '--locale=C'],
    user,
  );
  if (init.code !== 0) throw new Error(`initdb failed (${init.code}):\n${init.out}`);
  const port = await freePort();
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=50`;
  const start = await run(
    join(binDir, 'pg_ctl'),
    ['-D', data, '-l', join(base, 'server.log'), '-o', options, '-w', '-t', '60', 'start'],
    user,
  );
  if (start.code !== 0) throw new Error(`pg_ctl start failed (${start.code}):\n${start.out}`);
  const url = `postgres://duet@127.0.0.1:${port}/postgres`;
  await waitReady(url);
  return {
    url,
    async stop() {
      await run(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on the server, so every test file starts from nothing. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
