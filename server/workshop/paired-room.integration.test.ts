/**
 * A workshop room on its teacher's paired daemon (issue 24), below the page: the web server's daemon
 * side (scripts/daemon-connections.mjs and the process's pairing hub on SQLite), the tRPC routers, and
 * a real CPU daemon that is unreachable from the web server but dials out to it. The web server's
 * only configured daemon is a dead port, so every run and check that succeeds here went through the
 * pairing relay. Proves: only the teacher who paired a daemon can attach it (another teacher or a
 * browser without a cookie cannot name it); a student's run and the hidden check run on it, under
 * the student's identity for its fair queue; a student's long run there is cancelled by that student
 * (workshop.cancel) and by no other; while it
 * is offline students get a plain message and keep their runs; it resumes when the daemon reconnects;
 * a web server restart keeps the attachment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID_HEADER } from '../../core/protocol';
import { type DialOut, dialOut } from '../../daemon/connect/dial-out';
import { parseWebServerUrl } from '../../daemon/connect/web-server-url';
import { type RunningDaemon, startDaemon } from '../../daemon/daemon';
import { acceptDaemonConnections } from '../../scripts/daemon-connections.mjs';
import { getPreset } from '../../shaders/index';
import { freePort } from '../../testkit/free-port';
import { PairingHub, pairingHub } from '../pairing/hub';
import { PairingStore } from '../pairing/store';
import { PAIRED_INDEX_BASE } from '../pairing/visible-daemons';
import { appRouter } from '../router';
import { shareDb } from '../share/db';
import type { Context } from '../trpc';
import { WorkshopService } from './service';

const ROOT = join(import.meta.dirname, '../..');
const NAME = 'teachers-egpu (cpu)';
const naiveSolution = getPreset('matmul-naive')!.wgsl;

let dir: string;
let web: Server;
let webUrl: string;
let daemon: RunningDaemon;
let out: DialOut | null = null;
/** The client id of each run that reached the daemon through the relay: what its fair queue counts. */
const relayedClientIds: string[] = [];

/** A browser: `ownerKey` is its duet_client cookie's key; its workshop cookie jar holds what `join` set. */
function browser(ownerKey: string | null) {
  let cookie: string | null = null;
  const api = () => {
    const resHeaders = new Headers();
    const ctx: Context = { clientId: 'peer-address', ownerKey, workshopCookie: cookie, resHeaders };
    return { caller: appRouter.createCaller(ctx), resHeaders };
  };
  return {
    get api() {
      return api().caller;
    },
    async join(code: string, name: string) {
      const { caller, resHeaders } = api();
      await caller.workshop.join({ code, name });
      cookie = /duet_workshop=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1] ?? null;
    },
  };
}

/** The daemon dialling out to the web server: with a pairing code, or with the secret it kept. */
function dial(code?: string, pairingFile = join(dir, 'pairings.json'), name = NAME): DialOut {
  return dialOut({
    server: parseWebServerUrl(webUrl),
    ...(code ? { code } : {}),
    name,
    serve: (s) => daemon.tunnelServer.emit('connection', s),
    pairingFile,
    backoff: { baseMs: 100, capMs: 1000 },
    log: () => {},
  });
}

async function waitFor<T>(what: string, get: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + 30_000;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Update = { type: string; [k: string]: unknown };
async function lastOf(updates: Promise<AsyncIterable<Update>>): Promise<Update | undefined> {
  let last: Update | undefined;
  for await (const u of await updates) last = u;
  return last;
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'duet-paired-room-'));
  process.env.DUET_DATA_DIR = join(dir, 'data');
  // The web server's own daemon: nothing listens there.
  process.env.DUET_DAEMONS = `http://127.0.0.1:${await freePort()}`;
  process.env.DUET_TOKEN = 'unused-token';
  pairingHub();
  web = createServer((_req, res) => res.writeHead(404).end());
  acceptDaemonConnections(web, 0);
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  daemon = await startDaemon({ port: 0, backend: 'cpu', cacheDir: join(dir, 'cache') });
  await daemon.supervisor.waitReady(60_000);
  daemon.tunnelServer.on('request', (req: import('node:http').IncomingMessage) => {
    const id = req.headers[CLIENT_ID_HEADER.toLowerCase()];
    if (req.method === 'POST' && typeof id === 'string') relayedClientIds.push(id);
  });
});
afterAll(async () => {
  out?.close();
  pairingHub().closeAll();
  web?.closeAllConnections();
  await new Promise<void>((r) => (web ? web.close(() => r()) : r()));
  await daemon?.close();
});

describe('a workshop room on a daemon its teacher paired', () => {
  const teacher = browser('teacher-a-browser');
  let code = '';
  let secret = '';

  it('pairs the teacher daemon, listed in that browser only', async () => {
    const { code: pairing } = await teacher.api.pairing.createCode();
    out = dial(pairing);
    await out.connected;
    const mine = await waitFor('the paired daemon in the list', async () =>
      (await teacher.api.daemons.list()).find((d) => d.state === 'ready' && d.url === `paired:${NAME}`),
    );
    expect(mine.index).toBe(PAIRED_INDEX_BASE);
    expect((await browser('teacher-b-browser').api.daemons.list()).map((d) => d.url)).not.toContain(
      `paired:${NAME}`,
    );
  });

  it('lets only the teacher who paired it attach it to a room', async () => {
    const input = { lesson: { shipped: 'matmul-tiling' }, daemon: PAIRED_INDEX_BASE, runsPerStudent: 4 };
    // Another teacher, and a browser without a client cookie (a student's request made by hand), name it in vain.
    for (const other of [browser('teacher-b-browser'), browser(null)]) {
      await expect(other.api.workshop.create(input)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/^No daemon #1000 is paired in this browser/),
      });
    }
    // The solutions are checked on the paired daemon: the configured one is dead.
    const r = await teacher.api.workshop.create(input);
    code = r.code;
    secret = r.teacherSecret;
    const room = await (await shareDb()).db
      .selectFrom('workshops')
      .select(['daemon', 'paired_daemon'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const pairing = (await new PairingStore((await shareDb()).db).listFor('teacher-a-browser'))[0]!;
    expect(room).toEqual({ daemon: 'paired', paired_daemon: pairing.id });
  });

  it('refuses to move the room onto it from another browser, even one holding the teacher link', async () => {
    await expect(
      browser('teacher-b-browser').api.workshop.setDaemon({ code, secret, daemon: PAIRED_INDEX_BASE }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^No daemon #1000 is paired/),
    });
    // From the teacher's own browser it is allowed (its solutions checked on it again).
    await expect(
      teacher.api.workshop.setDaemon({ code, secret, daemon: PAIRED_INDEX_BASE }),
    ).resolves.toEqual({
      ok: true,
    });
  });

  const ada = browser('ada-browser');

  it("runs a student's kernel and the hidden check on the paired daemon", async () => {
    await ada.join(code, 'Ada');
    relayedClientIds.length = 0;
    const view = await ada.api.workshop.state({ code });
    expect(view.pairedDaemon).toEqual({ name: NAME, online: true });
    const result = await lastOf(ada.api.workshop.run({ code, step: 0, wgsl: naiveSolution }));
    expect(result).toMatchObject({ type: 'result', backend: 'cpu', daemon: { url: `paired:${NAME}` } });
    const verdict = await lastOf(ada.api.workshop.submit({ code, step: 0, wgsl: naiveSolution }));
    expect(verdict).toMatchObject({ type: 'verdict', pass: true, reason: 'correct' });
    expect((await ada.api.workshop.state({ code })).runsLeft).toBe(2);
    // The run and the check's two runs reach the daemon under Ada's identity, for its fair queue.
    expect(relayedClientIds).toHaveLength(3);
    expect(new Set(relayedClientIds).size).toBe(1);
    expect(relayedClientIds[0]).toMatch(new RegExp(`^web:workshop:${code}:[A-Za-z0-9_-]{16}$`));
  });

  it("cancels a student's long run on the paired daemon for that student only", async () => {
    const grace = browser('grace-browser');
    const bob = browser('bob-browser');
    await grace.join(code, 'Grace');
    await bob.join(code, 'Bob');
    // The step's bindings, and a loop that only a cancel (or the daemon's time limit) ends (testkit/endless-kernel.ts).
    const endless = naiveSolution.replace(
      /var sum = 0\.0;[\s\S]*$/,
      'while (params.m > 0u) { for (var i = 0u; i < 1000u; i++) { c[0] = c[0] + 1.0; } }\n}\n',
    );
    expect(endless).toContain('while (params.m > 0u)');
    const updates = (await grace.api.workshop.run({ code, step: 0, wgsl: endless }))[Symbol.asyncIterator]();
    let first = await updates.next();
    while (!first.done && first.value.type !== 'accepted') first = await updates.next();
    const accepted = first.value as { type: 'accepted'; run: { daemon: number; id: string } };
    expect(accepted).toMatchObject({ type: 'accepted', run: { daemon: PAIRED_INDEX_BASE } });
    const id = accepted.run.id;
    // runs.cancel from her own browser cannot name the teacher's daemon: the bug this call fixes.
    await expect(grace.api.runs.cancel({ daemon: PAIRED_INDEX_BASE, id })).resolves.toMatchObject({
      cancelled: false,
      reason: 'no daemon',
    });
    // Another student holding the id, and a browser that never joined, cannot cancel it.
    await expect(bob.api.workshop.cancel({ code, id })).resolves.toEqual({
      cancelled: false,
      reason: 'not running',
    });
    await expect(browser('eve-browser').api.workshop.cancel({ code, id })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    // So it was still running when Grace cancelled it: the daemon answers true only for a live run.
    await expect(grace.api.workshop.cancel({ code, id })).resolves.toEqual({
      cancelled: true,
      reason: 'cancelled',
    });
    await expect(
      (async () => {
        for (let u = await updates.next(); !u.done; u = await updates.next());
      })(),
    ).rejects.toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    // The stream's end forgets the run.
    await expect(grace.api.workshop.cancel({ code, id })).resolves.toEqual({
      cancelled: false,
      reason: 'not running',
    });
  });

  it('tells students plainly while it is offline, keeps their runs, and resumes when it reconnects', async () => {
    out!.close();
    await waitFor(
      'the daemon to drop',
      async () => !(await ada.api.workshop.state({ code })).pairedDaemon?.online,
    );
    const offline = new RegExp(
      `^This workshop's GPU, the daemon "${NAME.replace(/[()]/g, '\\$&')}" its teacher paired, is offline\\. The teacher can reconnect it`,
    );
    await expect(lastOf(ada.api.workshop.run({ code, step: 0, wgsl: naiveSolution }))).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(offline),
    });
    await expect(lastOf(ada.api.workshop.submit({ code, step: 0, wgsl: naiveSolution }))).rejects.toThrow(
      offline,
    );
    expect((await ada.api.workshop.state({ code })).runsLeft).toBe(2);
    // The board says so too.
    const board = (await teacher.api.workshop.board({ code, secret }))[Symbol.asyncIterator]();
    expect((await board.next()).value).toMatchObject({
      pairedDaemon: { name: NAME, online: false },
      queue: null,
    });
    await board.return?.();

    out = dial(); // `duet daemon --connect URL` again: its kept secret, no code
    await out.connected;
    const result = await lastOf(ada.api.workshop.run({ code, step: 0, wgsl: naiveSolution }));
    expect(result).toMatchObject({ type: 'result', backend: 'cpu' });
  });

  it('keeps the attachment across a web server restart: the daemon reconnects and the room runs on it', async () => {
    const port = (web.address() as AddressInfo).port;
    pairingHub().closeAll();
    web.closeAllConnections();
    await new Promise<void>((r) => web.close(() => r()));
    // The new process: a fresh hub and service on the same database, on the same address.
    const db = (await shareDb()).db;
    const hub = new PairingHub({ store: async () => new PairingStore(db), log: () => {} });
    const restarted = new WorkshopService(db, hub);
    const room = await restarted.store.openRoom(code);
    expect(room.daemon).toEqual({ paired: expect.any(String) });
    web = createServer((_req, res) => res.writeHead(404).end());
    acceptDaemonConnections(web, 0, () => hub);
    await new Promise<void>((r) => web.listen(port, '127.0.0.1', r));
    await waitFor('the daemon to reconnect', async () => (await restarted.board(room)).pairedDaemon?.online);
    const ada1 = (await restarted.store.students(code)).find((st) => st.name === 'Ada')!;
    const verdict = await restarted.submit(room, ada1, 0, naiveSolution);
    expect(verdict).toMatchObject({ pass: true, reason: 'correct' });
    hub.closeAll();
  });
});
