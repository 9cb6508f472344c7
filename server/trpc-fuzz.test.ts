/**
 * Fuzzing the tRPC routes with fast-check, through the Next.js route handler itself
 * (app/api/trpc/[trpc]/route.ts, its exported GET/POST called with `new Request(...)`), so every
 * layer the browser reaches is in the loop: the fetch adapter, batching, input parsing, the routers,
 * the share database (SQLite in a temporary directory) and a real `duet daemon` (CPU backend).
 *
 * Inputs: known and random procedure names (also `__proto__`-like paths and comma lists), random,
 * malformed and wrong-typed JSON, oversized bodies, `?batch=1` batches, streaming (`trpc-accept:
 * application/jsonl`), and every method. Every answer must be a 4xx whose error has a message, or a
 * valid result — never a 5xx — and nothing may throw or leave an unhandled rejection.
 * Short by default; DUET_FUZZ_LONG=1 (or DUET_FUZZ=long, as `npm run fuzz` sets) runs the long mode.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workloadLike } from '../exploits/fuzz-inputs';
import { GOOD_RUN } from '../exploits/good-run';
import { type DaemonProcess, startDaemonProcess, waitExecutorReady } from '../testkit/daemon-process';
import { sampleRun } from './share/testkit/fixture';
import { sampleSweep } from './share/testkit/sweep-fixture';
import { toWire } from './share/wire';

const LONG = process.env.DUET_FUZZ_LONG === '1' || process.env.DUET_FUZZ === 'long';
const RUNS = LONG ? { requests: 4000, procedures: 1500 } : { requests: 300, procedures: 120 };

type Handler = (req: Request) => Promise<Response>;
let GET: Handler;
let POST: Handler;
let daemon: DaemonProcess;

const problems: string[] = [];
const onRejection = (e: unknown) => problems.push(`unhandledRejection: ${String(e)}`);
const onException = (e: unknown) => problems.push(`uncaughtException: ${String(e)}`);

const PROCEDURES = [
  'daemons.list',
  'pairing.createCode',
  'runs.submit',
  'runs.cancel',
  'shares.save',
  'shares.get',
  'shares.recent',
  'sweeps.save',
  'translate.wgsl',
  'workshop.lessons',
  'workshop.join',
  'workshop.state',
  'workshop.submit',
  'workshop.cancel',
  'workshop.csv',
] as const;

/** A procedure path: a real one, a near miss, a prototype key, or random text. */
const procedureName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PROCEDURES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '.',
      'runs',
      'runs.',
      '.runs.submit',
      'runs.submit.x',
      '__proto__',
      'constructor',
      'runs.__proto__',
      'runs.constructor',
      'toString',
      'hasOwnProperty',
      '_def',
      'runs._def',
      'createCaller',
      'daemons.list,runs.cancel',
      'RUNS.SUBMIT',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const runId = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);
const daemonIndex = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  // A paired daemon's index (server/pairing/visible-daemons.ts): none is paired to the fuzzer.
  { weight: 1, arbitrary: fc.constant(1000) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);

/** A workshop room code: well-formed (no such room), or not. */
const roomCode = fc.oneof(
  fc.stringMatching(/^[0-9A-Z]{6}$/),
  fc.string({ maxLength: 40 }),
  fc.anything({ maxDepth: 1 }),
);

/** Inputs shaped for each procedure: well-formed, near misses and wrong types. */
const INPUTS: Record<(typeof PROCEDURES)[number], fc.Arbitrary<unknown>> = {
  'daemons.list': fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 1 })),
  'pairing.createCode': fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 1 })),
  'runs.submit': fc.record(
    {
      workload: fc.oneof(fc.constant(GOOD_RUN), workloadLike),
      daemon: daemonIndex,
    },
    { requiredKeys: ['workload'] },
  ),
  'runs.cancel': fc.record({ daemon: daemonIndex, id: runId }),
  'shares.save': fc.record({
    run: fc.oneof(
      fc.nat({ max: 50 }).map((n) => toWire(sampleRun(n))),
      fc.anything({ maxDepth: 4 }),
    ),
  }),
  'sweeps.save': fc.record({
    sweep: fc.oneof(fc.constant(toWire(sampleSweep())), fc.anything({ maxDepth: 4 })),
  }),
  'shares.get': fc.record({ id: fc.oneof(fc.string({ maxLength: 80 }), fc.anything({ maxDepth: 1 })) }),
  'shares.recent': fc.record(
    {
      limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string()),
      before: fc.oneof(fc.string({ maxLength: 100 }), fc.anything({ maxDepth: 1 })),
    },
    { requiredKeys: [] },
  ),
  'translate.wgsl': fc.record(
    {
      source: fc.oneof(
        fc.constant(GOOD_RUN.wgsl),
        fc.string({ maxLength: 300 }),
        fc.anything({ maxDepth: 1 }),
      ),
      target: fc.oneof(fc.constantFrom('cuda', 'cpu'), fc.anything({ maxDepth: 1 })),
      entryPoints: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.constant(['main'])),
      overrides: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.double(), fc.integer())),
    },
    { requiredKeys: ['source'] },
  ),
  'workshop.lessons': fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 1 })),
  'workshop.join': fc.record({
    code: roomCode,
    name: fc.oneof(fc.string({ maxLength: 40 }), fc.anything({ maxDepth: 1 })),
  }),
  'workshop.state': fc.record({ code: roomCode }),
  'workshop.submit': fc.record({
    code: roomCode,
    step: fc.oneof(fc.integer({ min: -2, max: 60 }), fc.anything({ maxDepth: 1 })),
    wgsl: fc.oneof(fc.constant(GOOD_RUN.wgsl), fc.string({ maxLength: 100 })),
  }),
  'workshop.cancel': fc.record({ code: roomCode, id: runId }),
  'workshop.csv': fc.record({
    code: roomCode,
    secret: fc.oneof(fc.string({ maxLength: 60 }), fc.anything({ maxDepth: 1 })),
  }),
};

const input: fc.Arbitrary<unknown> = fc.oneof(...Object.values(INPUTS), fc.anything({ maxDepth: 3 }));

/** What goes in `?input=` or the body: JSON of an input, broken JSON, or raw text. */
const encodedInput = fc.oneof(
  { weight: 6, arbitrary: input.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: input.map((v) => (JSON.stringify(v) ?? 'null').slice(0, -1)) },
);

const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
);

interface Shot {
  method: string;
  path: string;
  batch: boolean;
  query: string;
  body: string | undefined;
  headers: Record<string, string>;
}

/** A batch: a list of procedure names and matching inputs keyed "0", "1", … (sometimes wrong). */
const batchCall = fc
  .tuple(
    fc.array(procedureName, { minLength: 1, maxLength: 6 }),
    fc.array(input, { maxLength: 6 }),
    fc.boolean(),
  )
  .map(([names, inputs, asArray]) => {
    const obj: Record<string, unknown> = {};
    inputs.forEach((v, i) => {
      obj[String(i)] = v;
    });
    return { path: names.join(','), payload: JSON.stringify(asArray ? inputs : obj) };
  });

const procedureAndInput = fc.oneof(...PROCEDURES.map((p) => fc.tuple(fc.constant(p), INPUTS[p])));

const shot: fc.Arbitrary<Shot> = fc
  .record({
    method,
    single: fc.tuple(procedureName, encodedInput),
    batch: fc.option(batchCall, { nil: undefined }),
    batchFlag: fc.constantFrom('1', 'true', '0', '', 'x'),
    extraQuery: fc.option(fc.webQueryParameters(), { nil: undefined }),
    inputInBody: fc.boolean(),
    contentType,
    jsonl: fc.boolean(),
    forwardedFor: fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
    cookie: fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
  })
  .map((r) => {
    const isBatch = r.batch !== undefined;
    const path = isBatch ? r.batch!.path : r.single[0];
    const payload = isBatch ? r.batch!.payload : r.single[1];
    const params = new URLSearchParams();
    if (isBatch) params.set('batch', r.batchFlag);
    const hasBody = r.method !== 'GET' && r.method !== 'HEAD';
    if (!(hasBody && r.inputInBody)) params.set('input', payload);
    const headers: Record<string, string> = {};
    if (r.contentType) headers['content-type'] = r.contentType;
    if (r.jsonl) headers['trpc-accept'] = 'application/jsonl';
    if (r.forwardedFor !== undefined) {
      // What a client may send, and the peer header the web server sets (server/trpc.ts reads it).
      headers['x-forwarded-for'] = r.forwardedFor.replace(/[^\x20-\x7e]/g, '');
      headers['x-duet-peer'] = headers['x-forwarded-for'];
    }
    if (r.cookie !== undefined) headers.cookie = `duet_client=${r.cookie.replace(/[^\x21-\x7e]/g, '')}`;
    return {
      method: r.method,
      path,
      batch: isBatch,
      query: `${params.toString()}${r.extraQuery ? `&${r.extraQuery}` : ''}`,
      body: hasBody && r.inputInBody ? payload : undefined,
      headers,
    };
  });

async function call(s: Shot): Promise<Response> {
  const url = `http://127.0.0.1:3000/api/trpc/${encodeURIComponent(s.path).replace(/%2C/g, ',')}?${s.query}`;
  const req = new Request(url, {
    method: s.method,
    headers: s.headers,
    ...(s.body !== undefined ? { body: s.body } : {}),
  });
  // Next.js answers HEAD with the GET handler; the other methods reach the handler as they are.
  return s.method === 'GET' || s.method === 'HEAD' ? GET(req) : POST(req);
}

interface TrpcErrorJson {
  message?: unknown;
  code?: unknown;
  data?: { httpStatus?: unknown; code?: unknown };
}

/** Every tRPC error object in a decoded answer (single, batch, or jsonl chunks). */
function errorsIn(value: unknown, out: TrpcErrorJson[] = []): TrpcErrorJson[] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) errorsIn(v, out);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (o.error && typeof o.error === 'object') {
    const e = o.error as Record<string, unknown>;
    // tRPC's wire shape: { error: { message, code, data } }, or { error: { json: … } } with transformers.
    out.push((e.json && typeof e.json === 'object' ? e.json : e) as TrpcErrorJson);
  }
  for (const v of Object.values(o)) if (v && typeof v === 'object' && v !== o.error) errorsIn(v, out);
  return out;
}

/** Answers by status and by procedure, printed at the end: the fuzzer must reach the procedures. */
const seen = new Map<string, number>();

async function judge(s: Shot, res: Response): Promise<void> {
  const text = await res.text();
  const key = `${res.status} ${s.batch ? 'batch' : s.path.slice(0, 20)}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  const what = `${s.method} /api/trpc/${s.path}?${s.query.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, what).toBeLessThan(500);
  if (s.method === 'HEAD') return;
  if (res.status === 200 && s.headers['trpc-accept'] === 'application/jsonl') {
    // A stream of JSON lines; errors travel inside it.
    const lines = text.split('\n').filter((l) => l.trim());
    expect(lines.length, what).toBeGreaterThan(0);
    for (const line of lines) {
      const value = JSON.parse(line) as unknown;
      for (const e of errorsIn(value)) checkError(e, what);
    }
    expect(text, what).not.toMatch(/INTERNAL_SERVER_ERROR|"httpStatus":5\d\d/);
    return;
  }
  const json = JSON.parse(text) as unknown;
  if (res.status >= 400 || res.status === 207) {
    const errors = errorsIn(json);
    expect(errors.length, what).toBeGreaterThan(0);
    for (const e of errors) checkError(e, what);
  } else {
    expect(res.status, what).toBe(200);
    const items = Array.isArray(json) ? json : [json];
    for (const item of items) expect(item, what).toHaveProperty('result');
  }
}

function checkError(e: TrpcErrorJson, what: string): void {
  expect(typeof e.message, what).toBe('string');
  expect((e.message as string).length, what).toBeGreaterThan(0);
  expect(e.data?.code, what).not.toBe('INTERNAL_SERVER_ERROR');
  expect(Number(e.data?.httpStatus), what).toBeLessThan(500);
}

/** runs.submit as the page's httpBatchStreamLink sends it: a batch of one, answered as JSON lines. */
function goodRun(): Request {
  return new Request('http://127.0.0.1/api/trpc/runs.submit?batch=1', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl' },
    body: JSON.stringify({ 0: { workload: GOOD_RUN, daemon: 0 } }),
  });
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  daemon = await startDaemonProcess({
    limits: { maxRunMs: 2000, maxRunsPerClientPerMinute: 100_000, maxQueueLength: 256 },
  });
  await waitExecutorReady(daemon);
  process.env.DUET_DAEMONS = daemon.url;
  process.env.DUET_TOKEN = daemon.token;
  process.env.DUET_DATA_DIR = mkdtempSync(join(tmpdir(), 'duet-trpc-fuzz-'));
  // As behind scripts/web-server.mjs, so the fuzzed peer header reaches the client id.
  process.env.DUET_PEER_FROM_SOCKET = '1';
  delete process.env.DATABASE_URL;
  const route = await import('../app/api/trpc/[trpc]/route');
  GET = route.GET;
  POST = route.POST;
});

afterAll(async () => {
  process.stderr.write(`trpc fuzz answers: ${JSON.stringify(Object.fromEntries([...seen].sort()))}\n`);
  await daemon?.stop();
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onException);
});

/** A shared run with 400,000 timing samples: far over the record schema's bound (10,001). */
function oversizedRun() {
  const run = sampleRun(7);
  const kernel = (run.local as { timings: { kernel: { samples: number[] } } }).timings.kernel;
  kernel.samples = Array.from({ length: 400_000 }, (_, i) => 0.5 + i / 1e7);
  return run;
}

describe('the judge', () => {
  const get: Shot = { method: 'GET', path: 'x', batch: false, query: '', body: undefined, headers: {} };
  const json = (status: number, value: unknown) =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

  it('fails a 5xx, an error without a message, and an INTERNAL_SERVER_ERROR inside a batch', async () => {
    await expect(judge(get, json(500, { error: { message: 'boom' } }))).rejects.toThrow();
    await expect(
      judge(get, json(400, { error: { message: '', data: { httpStatus: 400 } } })),
    ).rejects.toThrow();
    await expect(
      judge(
        { ...get, batch: true },
        json(207, [
          { result: { data: 1 } },
          { error: { message: 'x', data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } },
        ]),
      ),
    ).rejects.toThrow();
    await expect(judge(get, new Response('not json', { status: 200 }))).rejects.toThrow();
  });

  it('passes a 4xx with a message and a result', async () => {
    await judge(get, json(404, { error: { message: 'No procedure', data: { httpStatus: 404 } } }));
    await judge(get, json(200, { result: { data: null } }));
  });
});

describe('tRPC routes under fuzzing', () => {
  it('a known good request works (so the fuzzer is not just hitting a broken handler)', async () => {
    const ok = await GET(new Request('http://127.0.0.1/api/trpc/daemons.list'));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { data: { state: string }[] } };
    expect(body.result.data[0]?.state).toBe('ready');
    const run = await POST(goodRun());
    const text = await run.text();
    expect(run.status, text).toBe(200);
    expect(text).toContain('"type":"result"');
    expect(text).toContain('"backend":"cpu"');
  });

  it('answers every request with a 4xx + message or a valid result, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(shot, async (s) => {
        await judge(s, await call(s));
      }),
      { numRuns: RUNS.requests },
    );
    expect(problems).toEqual([]);
  });

  it("answers each procedure's own (often wrong-typed) inputs with a 4xx + message or a result", async () => {
    await fc.assert(
      fc.asyncProperty(procedureAndInput, fc.boolean(), async ([p, v], jsonl) => {
        const isQuery =
          p === 'daemons.list' || p.startsWith('shares.g') || p === 'shares.recent' || p === 'translate.wgsl';
        const s: Shot = {
          method: isQuery ? 'GET' : 'POST',
          path: p,
          batch: false,
          query: isQuery ? `input=${encodeURIComponent(JSON.stringify(v) ?? 'null')}` : '',
          body: isQuery ? undefined : (JSON.stringify(v) ?? 'null'),
          headers: {
            'content-type': 'application/json',
            ...(jsonl ? { 'trpc-accept': 'application/jsonl' } : {}),
          },
        };
        await judge(s, await call(s));
      }),
      { numRuns: RUNS.procedures },
    );
    expect(problems).toEqual([]);
  });

  it('refuses oversized bodies with a 4xx, and answers a 500-call batch', async () => {
    const big = 'x'.repeat(8 * 1024 * 1024);
    const statuses: number[] = [];
    for (const [path, body] of [
      ['shares.save', JSON.stringify({ run: { blob: big } })],
      ['shares.save', JSON.stringify({ run: toWire(oversizedRun()) })],
      ['runs.submit', JSON.stringify({ workload: { ...GOOD_RUN, wgsl: big }, daemon: 0 })],
      ['runs.submit', big],
      ['translate.wgsl', JSON.stringify({ source: big })],
    ] as const) {
      const s: Shot = {
        method: 'POST',
        path,
        batch: false,
        query: '',
        body,
        headers: { 'content-type': 'application/json' },
      };
      const res = await call(s);
      statuses.push(res.status);
      await judge(s, res);
    }
    const huge: Shot = {
      method: 'GET',
      path: 'translate.wgsl',
      batch: false,
      query: `input=${encodeURIComponent(JSON.stringify({ source: big }))}`,
      body: undefined,
      headers: {},
    };
    const hugeRes = await call(huge);
    statuses.push(hugeRes.status);
    await judge(huge, hugeRes);
    process.stderr.write(`oversized: ${statuses.join(' ')}\n`);
    const many = Array.from({ length: 500 }, () => 'daemons.list').join(',');
    const inputs: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) inputs[i] = null;
    const batch: Shot = {
      method: 'GET',
      path: many,
      batch: true,
      query: `batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
      body: undefined,
      headers: {},
    };
    await judge(batch, await call(batch));
    expect(problems).toEqual([]);
  });

  it('still serves a good run afterwards', async () => {
    const run = await POST(goodRun());
    expect(run.status).toBe(200);
    expect(await run.text()).toContain('"type":"result"');
    expect(daemon.child.exitCode).toBeNull();
    expect(problems).toEqual([]);
  });
});
