/**
 * The share store on both databases: SQLite (the embedded default) and a real PostgreSQL started for
 * the test (skipped, saying why, only when PostgreSQL's binaries are absent). Covers validation, the
 * size cap, listing, checksums, concurrent saves from several processes and a kill -9 mid-save.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from './checksum';
import { openShareDb, type ShareDb } from './db';
import { ShareError } from './errors';
import { shareInputSchema } from './record';
import { ShareStore } from './store';
import { sampleRun } from './testkit/fixture';
import {
  createDatabase,
  findPostgresBinDir,
  POSTGRES_MISSING,
  startTestPostgres,
  type TestPostgres,
} from './testkit/postgres';
import { parseWire } from './wire';

const WORKER = join(import.meta.dirname, 'testkit', 'save-worker.ts');
const pgBinDir = findPostgresBinDir();
if (!pgBinDir) console.warn(`share store: ${POSTGRES_MISSING}`);

interface Target {
  /** A fresh, empty database: its handle and the environment a worker process needs to reach it. */
  fresh(): Promise<{ share: ShareDb; env: Record<string, string> }>;
}

function sqliteTarget(): Target & { cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'duet-share-'));
  let n = 0;
  return {
    async fresh() {
      const path = join(dir, `t${n++}.db`);
      return {
        share: await openShareDb({ sqlitePath: path }),
        env: { DUET_SHARE_SQLITE: path, DATABASE_URL: '' },
      };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(server: () => TestPostgres): Target {
  let n = 0;
  return {
    async fresh() {
      const url = await createDatabase(server().url, `share_t${n++}`);
      return { share: await openShareDb({ databaseUrl: url }), env: { DATABASE_URL: url } };
    },
  };
}

function startWorker(env: Record<string, string>, count: number | 'forever', tag: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, String(count), tag], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const committed = new Map<string, string>();
  let stderr = '';
  let buffer = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^committed (\S+) ([0-9a-f]{64})$/.exec(line);
      if (m) committed.set(m[1]!, m[2]!);
    }
    for (const l of listeners) l();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const whenCommitted = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => committed.size >= n && resolve();
      listeners.push(check);
      void exited.then(() =>
        committed.size >= n ? resolve() : reject(new Error(`worker exited early:\n${stderr}`)),
      );
      check();
    });
  return { child: child as ChildProcess, committed, exited, whenCommitted, stderr: () => stderr };
}

/** Every row of the table: checksum, wire decoding and the record schema all hold. */
async function everyRowIsIntact(share: ShareDb): Promise<number> {
  const rows = await share.db.selectFrom('shared_runs').select(['id', 'body', 'body_sha256']).execute();
  for (const row of rows) {
    expect(sha256Hex(row.body), row.id).toBe(row.body_sha256);
    const record = parseWire(row.body) as Record<string, unknown>;
    expect(record.id).toBe(row.id);
    expect(shareInputSchema.safeParse(record).success, row.id).toBe(true);
  }
  return rows.length;
}

function storageSuite(name: 'sqlite' | 'postgres', target: () => Target) {
  describe(`share store on ${name}`, () => {
    it('keeps a run exactly, NaN, Infinity and -0 included, and strips what the allowlist does not name', async () => {
      const { share } = await target().fresh();
      const store = new ShareStore(share);
      const input = sampleRun(1);
      const { id } = await store.saveRun(input);
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const got = await store.getRun(id);
      expect(got).not.toBeNull();
      const expected = shareInputSchema.parse(input);
      expect(got).toEqual({ ...expected, v: 1, id, createdAt: expect.any(String) });
      expect(Object.is(got!.comparison[0]!.maxRel, Number.NaN)).toBe(true);
      expect(got!.comparison[0]!.maxAbs).toBe(Number.POSITIVE_INFINITY);
      const init = got!.workload.bindings[0]!.init as { fill: number };
      expect(Object.is(init.fill, -0)).toBe(true);
      expect(got!.remote.warnings).toEqual([expect.stringMatching(/^a loop hit its iteration guard/)]);
      expect(got!.remote.timings.kernel.l2Flushed).toBe(false);
      expect(got!.local.device).not.toHaveProperty('hostname');
      expect(got!.local.device.features).toEqual(['timestamp-query']);
      expect(got!.local.device.limits).toEqual({ maxBufferSize: 268435456 });
      expect((await store.getRaw(id))!.body).not.toContain('alice-laptop');
      await share.close();
    });

    it('rejects an invalid record with field paths, and one over the size cap', async () => {
      const { share } = await target().fresh();
      const store = new ShareStore(share, { maxRecordBytes: 4096 });
      const bad = sampleRun(0);
      (bad.workload.bindings[0] as { kind: string }).kind = 'framebuffer';
      const invalid = await store.saveRun(bad).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(ShareError);
      expect((invalid as ShareError).kind).toBe('invalid');
      expect((invalid as ShareError).extra.issues?.map((i) => i.path)).toContain('workload.bindings[0].kind');

      const big = sampleRun(0);
      big.workload.wgsl += `\n// ${'x'.repeat(5000)}`;
      const tooLarge = await store.saveRun(big).catch((e: unknown) => e);
      expect((tooLarge as ShareError).kind).toBe('too-large');
      expect((tooLarge as ShareError).message).toMatch(/capped at 4 KiB/);
      expect(await store.count()).toBe(0);
      await share.close();
    });

    it('finds nothing for unknown or malformed ids, and refuses a tampered record', async () => {
      const { share } = await target().fresh();
      const store = new ShareStore(share);
      expect(await store.getRun('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
      expect(await store.getRun("x' or 1=1 --")).toBeNull();
      const { id } = await store.saveRun(sampleRun(2));
      await share.db
        .updateTable('shared_runs')
        .set({ body: sql<string>`replace(body, 'saxpy-2', 'saxpy-9')` })
        .where('id', '=', id)
        .execute();
      const e = await store.getRun(id).catch((x: unknown) => x);
      expect((e as ShareError).kind).toBe('corrupt');
      await share.close();
    });

    it('lists public runs only, newest first, a page at a time', async () => {
      const { share } = await target().fresh();
      let t = Date.parse('2026-01-01T00:00:00.000Z');
      const store = new ShareStore(share, {
        now: () => {
          t += 1000;
          return new Date(t);
        },
      });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await store.saveRun(sampleRun(i))).id);
      const hidden = (await store.saveRun(sampleRun(9, { public: false }))).id;
      const first = await store.listRecent({ limit: 3 });
      expect(first.items.map((s) => s.id)).toEqual([ids[4], ids[3], ids[2]]);
      expect(first.items[0]).toMatchObject({ name: 'saxpy-4', verdict: 'agree', remote: { kernelMs: 5.5 } });
      expect(first.items[1]!.verdict).toBe('disagree');
      const second = await store.listRecent({ limit: 3, before: first.next! });
      expect(second.items.map((s) => s.id)).toEqual([ids[1], ids[0]]);
      expect(second.next).toBeNull();
      expect([...first.items, ...second.items].some((s) => s.id === hidden)).toBe(false);
      expect(await store.getRun(hidden)).not.toBeNull();
      await share.close();
    });

    it('keeps every save when many run at once, in one process and from three processes', async () => {
      const { share, env } = await target().fresh();
      const store = new ShareStore(share);
      const local = await Promise.all(Array.from({ length: 24 }, (_, i) => store.saveRun(sampleRun(i))));
      expect(new Set(local.map((s) => s.id)).size).toBe(24);

      const workers = [0, 1, 2].map((w) => startWorker(env, 10, String(w)));
      const codes = await Promise.all(workers.map((w) => w.exited));
      expect(codes, workers.map((w) => w.stderr()).join('\n')).toEqual([0, 0, 0]);
      const committed = new Map(workers.flatMap((w) => [...w.committed]));
      expect(committed.size).toBe(30);
      for (const [id, sha] of committed) expect((await store.getRaw(id))?.sha256).toBe(sha);
      expect(await everyRowIsIntact(share)).toBe(24 + 30);
      await share.close();
    });

    it('loses no committed record when the saving process is killed with SIGKILL mid-stream', async () => {
      const { share, env } = await target().fresh();
      const worker = startWorker(env, 'forever', 'kill');
      await worker.whenCommitted(15);
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toBeNull();
      const committed = new Map(worker.committed);
      await share.close();

      // Open the database afresh, as a restarted server would.
      const reopened = await openShareDb(
        env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { sqlitePath: env.DUET_SHARE_SQLITE! },
      );
      const store = new ShareStore(reopened);
      for (const [id, sha] of committed) {
        const raw = await store.getRaw(id);
        expect(raw?.sha256, id).toBe(sha);
      }
      expect(await everyRowIsIntact(reopened)).toBeGreaterThanOrEqual(committed.size);
      if (reopened.dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(reopened.db);
        expect(check.rows[0]?.integrity_check).toBe('ok');
      }
      // Still writable after the crash.
      expect((await store.saveRun(sampleRun(99))).id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      await reopened.close();
    });
  });
}

const sqlite = sqliteTarget();
afterAll(() => sqlite.cleanup());
storageSuite('sqlite', () => sqlite);

describe.skipIf(!pgBinDir)(pgBinDir ? 'postgresql' : `postgresql — skipped: ${POSTGRES_MISSING}`, () => {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startTestPostgres(pgBinDir!);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const target = postgresTarget(() => server!);
  storageSuite('postgres', () => target);
});
