/**
 * The page's `runs.submit` answered without tRPC's fetch adapter (./node-submit.ts) must be tRPC's own
 * answer to the same request, byte for byte: a run's updates and result (its fresh id and round-trip
 * time and its hop's timing aside), an input the procedure's schema refuses, a workload core/workload.ts refuses, a daemon
 * that is not configured, one that fails mid-run, and the headers. Anything but the page link's exact
 * request is left to tRPC.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrameBytes } from '../../core/frame';
import { answerTrpc } from './endpoint';
import { JSONL_HEADERS, pageSubmitInput, SUBMIT_URL, submitLines } from './node-submit';

const workload = {
  name: 't',
  wgsl: '@compute @workgroup_size(1) fn main() {}',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'y', kind: 'storage', element: 'u32', length: 1, output: true }],
};
const PEER = '10.1.2.3';

let daemon: Server;
/** What the stand-in daemon does with the next run: answer it, or drop the connection mid-run. */
let mode: 'answer' | 'drop' = 'answer';

beforeAll(async () => {
  daemon = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/x-duet-frames' });
    res.write(encodeFrameBytes({ type: 'accepted', id: 'r1' }));
    if (mode === 'drop') {
      res.destroy();
      return;
    }
    res.end(
      encodeFrameBytes(
        {
          type: 'result',
          id: 'r1',
          backend: 'cpu',
          device: { name: 'test cpu', emulation: true },
          translate: { ms: 1, cacheHit: true },
          queueMs: 0,
          daemonMs: 2,
          timings: { compile: { ms: 3 }, upload: { ms: 0 }, download: { ms: 0 }, kernel: { samples: [0.5] } },
          outputs: [{ name: 'y', slot: 0, bytes: 4 }],
        },
        [new Uint8Array([7, 0, 0, 0])],
      ),
    );
  });
  await new Promise<void>((r) => daemon.listen(0, '127.0.0.1', r));
  process.env.DUET_DAEMONS = `http://127.0.0.1:${(daemon.address() as AddressInfo).port}`;
  process.env.DUET_TOKEN = 'tok';
});
afterAll(() => {
  daemon.close();
});

/** The request ./stream-link.ts sends, as node:http would hand it over. */
function pageRequest(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    method: 'POST',
    url: SUBMIT_URL,
    headers: {
      host: '127.0.0.1:3000',
      'content-type': 'application/json',
      'trpc-accept': 'application/jsonl',
      'x-duet-peer': PEER,
    },
    ...overrides,
  } as IncomingMessage;
}

/** tRPC's answer to the page's request, through its fetch adapter (./endpoint.ts). */
async function viaTrpc(input: unknown): Promise<{ text: string; headers: Record<string, string> }> {
  const res = await answerTrpc(
    new Request(`http://127.0.0.1:3000${SUBMIT_URL}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'trpc-accept': 'application/jsonl',
        'x-duet-peer': PEER,
      },
      body: JSON.stringify({ 0: input }),
    }),
  );
  return { text: await res.text(), headers: Object.fromEntries(res.headers) };
}

async function natively(input: unknown): Promise<string> {
  const req = pageRequest();
  let text = '';
  for await (const chunk of submitLines(
    { get: (name) => (req.headers[name] as string | undefined) ?? null },
    input,
    new AbortController().signal,
  ))
    text += chunk;
  return text;
}

/** A result line's per-run values (the web server's run id, its times of the hop) made constant. */
const steady = (text: string) =>
  text
    .replace(/"id":"[0-9a-f-]{36}"/g, '"id":"<run>"')
    .replace(/"serverRoundTripMs":[0-9.e-]+/g, '"serverRoundTripMs":0')
    .replace(/"transport":\{"ms":[0-9.e-]+\}/g, '"transport":{"ms":0}');

describe('runs.submit without the fetch adapter', () => {
  it("answers a run with tRPC's lines and headers", async () => {
    const input = { workload, daemon: 0 };
    const trpc = await viaTrpc(input);
    const own = await natively(input);
    expect(own).toContain('"daemonRunId":"r1"');
    expect(own).toContain('"inline":"BwAAAA=="');
    expect(steady(own)).toBe(steady(trpc.text));
    expect(trpc.headers).toEqual(JSONL_HEADERS);
  });

  it("answers refusals and failures with tRPC's lines, in the router's error shape", async () => {
    const cases: [string, unknown][] = [
      ['an input the schema refuses', { workload, daemon: -1 }],
      ['no input', undefined],
      ['a workload core/workload.ts refuses', { workload: { ...workload, dispatch: [0] }, daemon: 0 }],
      ['a daemon not configured', { workload, daemon: 7 }],
    ];
    for (const [what, input] of cases) {
      const own = await natively(input);
      expect(own, what).toMatch(/"httpStatus":4\d\d/);
      expect(own, what).toBe((await viaTrpc(input)).text);
    }
    mode = 'drop';
    try {
      const own = await natively({ workload, daemon: 0 });
      expect(own).toMatch(/^\[3,2,\{"message":/m);
      expect(own).toBe((await viaTrpc({ workload, daemon: 0 })).text);
    } finally {
      mode = 'answer';
    }
  });

  it("takes only the page link's exact request; every other shape is tRPC's", () => {
    const body = JSON.stringify({ 0: { workload, daemon: 0 } });
    expect(pageSubmitInput(pageRequest(), body)).toEqual({ input: { workload, daemon: 0 } });
    const page = pageRequest().headers;
    const others: [string, IncomingMessage, string][] = [
      ['a GET', pageRequest({ method: 'GET' }), body],
      ['another procedure', pageRequest({ url: '/api/trpc/runs.cancel?batch=1' }), body],
      ['a batch of two', pageRequest({ url: '/api/trpc/runs.submit,runs.submit?batch=1' }), body],
      ['no batch', pageRequest({ url: '/api/trpc/runs.submit' }), body],
      ['no trpc-accept', pageRequest({ headers: { ...page, 'trpc-accept': undefined } }), body],
      ['another content type', pageRequest({ headers: { ...page, 'content-type': 'text/plain' } }), body],
      ['a Host no URL can be made from', pageRequest({ headers: { ...page, host: 'a b' } }), body],
      ['a body that is not JSON', pageRequest(), '{"0":'],
      ['an array', pageRequest(), '[{}]'],
      ['a second call in the body', pageRequest(), JSON.stringify({ 0: {}, 1: {} })],
      ['no call in the body', pageRequest(), '{}'],
    ];
    for (const [what, req, text] of others) expect(pageSubmitInput(req, text), what).toBeUndefined();
  });
});
