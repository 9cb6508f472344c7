/**
 * Shared sweeps on both databases: SQLite and a real PostgreSQL started for the test (skipped, saying
 * why, only when PostgreSQL's binaries are absent). The migration adds the table to a database made
 * before it; a record keeps its points, devices (allowlisted) and link model exactly; bad and
 * oversized records are refused with field paths; a tampered record is refused on read. Migration
 * 0005 lets a sweep be listed on /recent: only those their sharer listed, and none stored before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShareDb, type ShareDb } from './db';
import { ShareError } from './errors';
import { MIGRATIONS } from './migrations';
import { ShareStore } from './store';
import { sweepInputSchema } from './sweep-record';
import { SweepStore } from './sweep-store';
import { sampleRun } from './testkit/fixture';
import {
  createDatabase,
  findPostgresBinDir,
  POSTGRES_MISSING,
  startTestPostgres,
  type TestPostgres,
} from './testkit/postgres';
import { sampleSweep } from './testkit/sweep-fixture';

const pgBinDir = findPostgresBinDir();

type Fresh = () => Promise<ShareDb>;

function sweepSuite(name: string, fresh: () => Fresh, reopen: () => (db: ShareDb) => Promise<ShareDb>) {
  describe(`shared sweeps on ${name}`, () => {
    it('keeps a sweep exactly: points, failed sides, link model; devices through the allowlist', async () => {
      const share = await fresh()();
      const store = new SweepStore(share);
      const input = sampleSweep();
      const { id } = await store.saveSweep(input);
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const got = await store.getSweep(id);
      expect(got).toEqual({ ...sweepInputSchema.parse(input), v: 1, id, createdAt: expect.any(String) });
      expect(got!.points[2]!.local).toEqual({ status: 'error', message: 'WebGPU device lost' });
      expect(got!.links.map((l) => l.id)).toEqual(['tb4', 'tb5', 'pcie4x16', 'pcie5x16']);
      expect((await store.getRaw(id))!.body).not.toContain('alice-laptop');
      await share.close();
    });

    it('refuses an invalid sweep with field paths, and one over the size cap', async () => {
      const share = await fresh()();
      const store = new SweepStore(share, { maxRecordBytes: 2048 });
      const bad = sampleSweep();
      (bad.points[0]!.remote as { status: string }).status = 'maybe';
      const invalid = (await store.saveSweep(bad).catch((e: unknown) => e)) as ShareError;
      expect(invalid).toBeInstanceOf(ShareError);
      expect(invalid.kind).toBe('invalid');
      expect(invalid.extra.issues?.map((i) => i.path)).toContain('points[0].remote.status');
      const empty = (await store
        .saveSweep({ ...sampleSweep(), points: [] })
        .catch((e: unknown) => e)) as ShareError;
      expect(empty.message).toContain('points: a shared sweep has at least one point');
      const tooLarge = (await store.saveSweep(sampleSweep()).catch((e: unknown) => e)) as ShareError;
      expect(tooLarge.kind).toBe('too-large');
      const n = await share.db
        .selectFrom('shared_sweeps')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(n?.n)).toBe(0);
      await share.close();
    });

    it('finds nothing for unknown or malformed ids, and refuses a tampered sweep', async () => {
      const share = await fresh()();
      const store = new SweepStore(share);
      expect(await store.getSweep('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
      expect(await store.getSweep("x' or 1=1 --")).toBeNull();
      const { id } = await store.saveSweep(sampleSweep());
      await share.db
        .updateTable('shared_sweeps')
        .set({ body: sql<string>`replace(body, '"saxpy"', '"faster"')` })
        .where('id', '=', id)
        .execute();
      expect(((await store.getSweep(id).catch((e: unknown) => e)) as ShareError).kind).toBe('corrupt');
      await share.close();
    });

    it('the migration adds the table to a database made before it, and keeps its shared runs', async () => {
      const share = await fresh()();
      const run = await new ShareStore(share).saveRun(sampleRun(1));
      // Roll back to the schema before 0003, as a server from before this change left it.
      const migrator = new Migrator({ db: share.db, provider: { getMigrations: async () => MIGRATIONS } });
      const down = await migrator.migrateTo('0002_paired_daemons');
      expect(down.error).toBeUndefined();
      expect(await new SweepStore(share).saveSweep(sampleSweep()).catch((e: unknown) => e)).toBeInstanceOf(
        Error,
      );
      const upgraded = await reopen()(share);
      const { id } = await new SweepStore(upgraded).saveSweep(sampleSweep());
      expect((await new SweepStore(upgraded).getSweep(id))?.preset.id).toBe('saxpy');
      expect((await new ShareStore(upgraded).getRun(run.id))?.workload.name).toBe('saxpy-1');
      await upgraded.close();
    });

    it('lists only the sweeps their sharer listed, newest first', async () => {
      const share = await fresh()();
      let t = Date.parse('2026-01-01T00:00:00.000Z');
      const now = () => {
        t += 1000;
        return new Date(t);
      };
      const store = new SweepStore(share, { now });
      const hidden = await store.saveSweep(sampleSweep());
      const first = await store.saveSweep({ ...sampleSweep(), public: true });
      const second = await store.saveSweep({ ...sampleSweep(), public: true });
      const listed = await store.listRecent();
      expect(listed.map((s) => s.id)).toEqual([second.id, first.id]);
      expect(listed.map((s) => s.id)).not.toContain(hidden.id);
      expect(listed[0]).toMatchObject({ preset: 'saxpy', param: 'N' });
      expect((await store.getSweep(hidden.id))?.public).toBe(false);
      await share.close();
    });

    it('migration 0005 keeps every sweep stored before it unlisted', async () => {
      const share = await fresh()();
      const migrator = new Migrator({ db: share.db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('0004_workshops')).error).toBeUndefined();
      // A sweep as a server from before 0005 stored it: no is_public column at all.
      await share.db
        .insertInto('shared_sweeps')
        .values({
          id: 'BBBBBBBBBBBBBBBBBBBBBB',
          created_at: '2026-01-01T00:00:00.000Z',
          record_version: 1,
          summary: '{}',
          body: '{}',
          body_sha256: '0',
          body_bytes: 2,
        } as never)
        .execute();
      const upgraded = await reopen()(share);
      const store = new SweepStore(upgraded);
      expect(await store.listRecent()).toEqual([]);
      const { id } = await store.saveSweep({ ...sampleSweep(), public: true });
      expect((await store.listRecent()).map((s) => s.id)).toEqual([id]);
      await upgraded.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'duet-sweeps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const paths = new Map<ShareDb, string>();
sweepSuite(
  'sqlite',
  () => async () => {
    const path = join(dir, `s${n++}.db`);
    const db = await openShareDb({ sqlitePath: path });
    paths.set(db, path);
    return db;
  },
  () => async (db) => {
    await db.close();
    return openShareDb({ sqlitePath: paths.get(db)! });
  },
);

describe.skipIf(!pgBinDir)(pgBinDir ? 'postgresql' : `postgresql — skipped: ${POSTGRES_MISSING}`, () => {
  let server: TestPostgres | undefined;
  let m = 0;
  const urls = new Map<ShareDb, string>();
  beforeAll(async () => {
    server = await startTestPostgres(pgBinDir!);
  });
  afterAll(async () => {
    await server?.stop();
  });
  sweepSuite(
    'postgres',
    () => async () => {
      const url = await createDatabase(server!.url, `sweep_t${m++}`);
      const db = await openShareDb({ databaseUrl: url });
      urls.set(db, url);
      return db;
    },
    () => async (db) => {
      await db.close();
      return openShareDb({ databaseUrl: urls.get(db)! });
    },
  );
});
