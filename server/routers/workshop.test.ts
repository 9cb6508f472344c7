/**
 * The workshop router end to end on a real CPU daemon and SQLite: create (shipped and imported
 * lessons, bad ones refused with the field or the failing solution named), join and its name rules,
 * the student's view without the solution, runs and submissions under the student's identity (the
 * daemon sees `workshop:<code>:<id>`, whatever header the browser sent) and quota, locked steps,
 * spotlight, broadcast, the streamed board, CSV, close; and a web server restart keeps everything.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID_HEADER } from '../../core/protocol';
import { type RunningDaemon, startDaemon } from '../../daemon/daemon';
import { getPreset } from '../../shaders/index';
import { appRouter } from '../router';
import type { Context } from '../trpc';
import { SHIPPED_LESSONS } from '../workshop/lessons';
import { JOINS_PER_CLIENT_PER_MINUTE } from '../workshop/limits';
import { WorkshopService } from '../workshop/service';

const ROOT = join(import.meta.dirname, '../..');
let daemon: RunningDaemon;
let proxy: Server;
/** Every client id the daemon was sent, through a recording proxy in front of it. */
const clientIds: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  daemon = await startDaemon({
    port: 0,
    backend: 'cpu',
    cacheDir: mkdtempSync(join(tmpdir(), 'duet-ws-k-')),
  });
  await daemon.supervisor.waitReady(60_000);
  const upstream = new URL(daemon.url);
  proxy = createServer((req, res) => {
    const id = req.headers[CLIENT_ID_HEADER.toLowerCase()];
    if (typeof id === 'string') clientIds.push(id);
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  process.env.DUET_DATA_DIR = mkdtempSync(join(tmpdir(), 'duet-ws-db-'));
  process.env.DUET_DAEMONS = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  process.env.DUET_TOKEN = daemon.token;
});
afterAll(async () => {
  await new Promise<void>((r) => proxy?.close(() => r()));
  await daemon?.close();
});

/** A browser: its cookie jar holds what `join` set. */
function browser(clientId = 'peer-address') {
  let cookie: string | null = null;
  const api = () => {
    const resHeaders = new Headers();
    const ctx: Context = { clientId, ownerKey: null, workshopCookie: cookie, resHeaders };
    const caller = appRouter.createCaller(ctx);
    return { caller, resHeaders };
  };
  return {
    get api() {
      return api().caller.workshop;
    },
    async join(code: string, name: string) {
      const { caller, resHeaders } = api();
      const r = await caller.workshop.join({ code, name });
      cookie = /duet_workshop=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1] ?? null;
      return r;
    },
    forge(value: string) {
      cookie = value;
    },
  };
}

/** The board stream's first state; the stream is then closed. */
async function firstBoard(input: { code: string; secret: string }) {
  const it = (await browser().api.board(input))[Symbol.asyncIterator]();
  try {
    return (await it.next()).value!;
  } finally {
    await it.return?.();
  }
}

/** Reads a workshop.submit stream to its verdict, with the progress on the way. */
type CheckUpdate =
  | { type: 'progress'; text: string }
  | { type: 'verdict'; pass: boolean; reason: string; kernelMs: number };

async function verdictOf(updates: Promise<AsyncIterable<CheckUpdate>>) {
  const progress: string[] = [];
  for await (const u of await updates) {
    if (u.type === 'verdict') return { ...u, progress };
    progress.push(u.text);
  }
  throw new Error('no verdict');
}

const naiveSolution = getPreset('matmul-naive')!.wgsl;

describe('workshop router', () => {
  let code = '';
  let secret = '';
  const teacher = () => ({ code, secret });

  it('creates a room from a shipped lesson (its solutions checked on the daemon)', async () => {
    const r = await browser().api.create({
      lesson: { shipped: 'matmul-tiling' },
      daemon: 0,
      runsPerStudent: 6,
    });
    code = r.code;
    secret = r.teacherSecret;
    expect(r.joinPath).toBe(`/w/${code}`);
    expect(r.boardPath).toBe(`/w/${code}/board#${secret}`);
  });

  it('refuses a lesson file with the path to its bad field, or whose solution fails its own check', async () => {
    const t = browser().api;
    const bad = { ...SHIPPED_LESSONS['matmul-tiling']!, version: 1 } as Record<string, unknown>;
    (bad.steps as { title: unknown }[]) = [{ ...(bad.steps as object[])[0], title: 7 } as never];
    await expect(
      t.create({ lesson: { json: JSON.stringify(bad) }, daemon: 0, runsPerStudent: 1 }),
    ).rejects.toThrow(/invalid lesson: steps\[0\]\.title: /);
    const wrong = structuredClone(SHIPPED_LESSONS['matmul-tiling']!);
    wrong.steps[0]!.check.solution = { wgsl: naiveSolution.replace('= sum;', '= sum * 2.0;') };
    await expect(
      t.create({ lesson: { json: JSON.stringify(wrong) }, daemon: 0, runsPerStudent: 1 }),
    ).rejects.toThrow(/steps\[0\]\.check\.solution: the solution fails its own check: c\[0\]/);
    await expect(t.create({ lesson: { shipped: 'nope' }, daemon: 0, runsPerStudent: 1 })).rejects.toThrow(
      /No shipped lesson/,
    );
  });

  const ada = browser('shared-nat-address');
  const bob = browser('shared-nat-address');

  it('joins students, refusing unknown codes and empty or duplicate names', async () => {
    await expect(browser().join('ZZZZZZ', 'Ada')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(browser().join(code, '   ')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Enter a display name.',
    });
    expect(await ada.join(code.toLowerCase(), 'Ada')).toEqual({ code, name: 'Ada' });
    await expect(browser().join(code, 'ADA')).rejects.toMatchObject({ code: 'CONFLICT' });
    await bob.join(code, 'Bob');
  });

  it('limits joins from one address a minute, saying the limit and when to retry', async () => {
    const flood = 'flooding-address';
    for (let i = 0; i < JOINS_PER_CLIENT_PER_MINUTE; i++)
      await expect(browser(flood).join(code, 'Ada')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(browser(flood).join(code, 'Zed')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^At most 60 joins a minute from one address; try again in \d+ s\.$/),
    });
    // Another address is still let through to the name check (a new name would add a student to the board below).
    await expect(browser('another-address').join(code, 'Ada')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('knows students only by a well-signed cookie', async () => {
    await expect(browser().api.state({ code })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const mallory = browser();
    mallory.forge('abc.def.ghi');
    await expect(mallory.api.state({ code })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('shows a student the step and starter, never the solution', async () => {
    const view = await ada.api.state({ code });
    expect(view).toMatchObject({ name: 'Ada', step: 0, runsLeft: 6, spotlight: null, broadcast: null });
    expect(view.workload.wgsl).toContain('TODO');
    const text = JSON.stringify(view);
    expect(text).not.toContain('sum = sum + a[row * params.k + i]');
    expect(text).not.toContain('check');
  });

  it('runs a student kernel through runs.submit under the student identity', async () => {
    clientIds.length = 0;
    const updates = [];
    for await (const u of await ada.api.run({ code, step: 0, wgsl: naiveSolution })) updates.push(u);
    const result = updates.at(-1) as { type: string; backend: string };
    expect(result).toMatchObject({ type: 'result', backend: 'cpu' });
    expect(clientIds).toHaveLength(1);
    expect(clientIds[0]).toMatch(new RegExp(`^web:workshop:${code}:[A-Za-z0-9_-]{16}$`));
    expect(clientIds[0]).not.toContain('shared-nat-address');
    expect((await ada.api.state({ code })).workload.wgsl).toBe(naiveSolution);
  });

  it('checks submissions: a wrong kernel gets its first mismatch, a right one passes', async () => {
    const starter = (await bob.api.state({ code })).workload.wgsl;
    const wrong = await verdictOf(bob.api.submit({ code, step: 0, wgsl: starter }));
    expect(wrong.pass).toBe(false);
    expect(wrong.reason).toMatch(/^c\[\d+\] is 0, expected /);
    clientIds.length = 0;
    const right = await verdictOf(ada.api.submit({ code, step: 0, wgsl: naiveSolution }));
    expect(right).toMatchObject({ pass: true, reason: 'correct' });
    // The check's runs count for Ada in the daemon's fair queue, under the same id as her runs.
    expect(clientIds).toHaveLength(2);
    expect(clientIds[1]).toBe(clientIds[0]);
    expect(clientIds[0]).toMatch(new RegExp(`^web:workshop:${code}:[A-Za-z0-9_-]{16}$`));
    expect((await ada.api.state({ code })).runsLeft).toBe(4);
    const broken = await verdictOf(bob.api.submit({ code, step: 0, wgsl: 'fn main( {' }));
    expect(broken.pass).toBe(false);
    expect(broken.reason).toMatch(/^your kernel did not run: /);
  });

  it('streams the board: steps, attempts, the fastest correct kernel, the queue', async () => {
    const first = await firstBoard(teacher());
    expect(first.students.map((s) => [s.name, s.progress[0]])).toEqual([
      ['Ada', { attempts: 1, passed: true }],
      ['Bob', { attempts: 2, passed: false }],
    ]);
    expect(first.steps[0]).toMatchObject({ attempts: 3, passed: 1, fastest: { name: 'Ada' } });
    expect(first.queue).toEqual({ length: 0, running: 0 });
    await expect(firstBoard({ code, secret: 'wrong' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('locks a step, spotlights a kernel, broadcasts one, exports the lesson (which imports again) and CSV', async () => {
    const t = browser().api;
    await t.setLocked({ ...teacher(), step: 1, locked: true });
    await expect(ada.api.goTo({ code, step: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(verdictOf(ada.api.submit({ code, step: 1, wgsl: naiveSolution }))).rejects.toThrow(
      /Step 2 is locked/,
    );
    await t.setLocked({ ...teacher(), step: 1, locked: false });
    await ada.api.goTo({ code, step: 1 });
    expect((await ada.api.state({ code })).step).toBe(1);
    // Locked while she is on it: she still sees the step, but cannot run or submit it.
    await t.setLocked({ ...teacher(), step: 1, locked: true });
    expect((await ada.api.state({ code })).steps[1]).toMatchObject({ locked: true });
    await expect(verdictOf(ada.api.submit({ code, step: 1, wgsl: naiveSolution }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await t.setLocked({ ...teacher(), step: 1, locked: false });

    const board = await firstBoard(teacher());
    const adaId = board.students.find((s) => s.name === 'Ada')!.id;
    await t.spotlight({ ...teacher(), student: adaId, step: 0 });
    expect((await bob.api.state({ code })).spotlight).toEqual({ name: 'Ada', step: 0, wgsl: naiveSolution });
    expect((await firstBoard(teacher())).spotlightKernel).toEqual({
      name: 'Ada',
      step: 0,
      wgsl: naiveSolution,
    });
    await t.broadcast({ ...teacher(), wgsl: '// look at this' });
    expect((await bob.api.state({ code })).broadcast?.wgsl).toBe('// look at this');

    const exported = await t.lesson(teacher());
    const reimported = await t.create({ lesson: { json: exported }, daemon: 0, runsPerStudent: 1 });
    expect(reimported.code).not.toBe(code);
    await expect(ada.api.state({ code: reimported.code })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const csv = await t.csv(teacher());
    expect(csv.split('\n')[0]).toBe('student,step,step title,attempts,passed,best kernel ms');
    expect(csv).toMatch(/^Ada,1,One invocation per element,1,yes,\d/m);
    expect(csv).toMatch(/^Bob,1,One invocation per element,2,no,$/m);
  });

  it('stops a student at the quota', async () => {
    const carol = browser();
    const r = await browser().api.create({
      lesson: { shipped: 'matmul-tiling' },
      daemon: 0,
      runsPerStudent: 1,
    });
    await carol.join(r.code, 'Carol');
    await verdictOf(carol.api.submit({ code: r.code, step: 0, wgsl: naiveSolution }));
    await expect(
      verdictOf(carol.api.submit({ code: r.code, step: 0, wgsl: naiveSolution })),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('keeps progress across a web server restart (a fresh service on the same database)', async () => {
    const { shareDb } = await import('../share/db');
    const restarted = new WorkshopService((await shareDb()).db);
    const room = await restarted.store.openRoom(code);
    const board = await restarted.board(room);
    expect(board.students.find((s) => s.name === 'Ada')).toMatchObject({ step: 1, runsUsed: 2 });
    expect(board.spotlight?.step).toBe(0);
  });

  it('closes the room: no more joins or runs', async () => {
    await browser().api.close(teacher());
    await expect(browser().join(code, 'Dan')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: `The workshop ${code} is closed.`,
    });
    await expect(ada.api.state({ code })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
