/** The hub's handshake against clients that are not well-behaved daemons, and expired or used codes (a real WebSocket each). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE, CONNECT_PATH } from '../../daemon/connect/handshake';
import { PAIRING_CODE_TTL_MS, PairingCodes } from './codes';
import { startTestWebServer, type TestWebServer } from './test-web-server';

let web: TestWebServer;
/** The hub's clock for its codes. */
let now = Date.now();
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duet-hub-'));
  web = await startTestWebServer(join(dir, 'web.db'), 0, undefined, new PairingCodes(() => now));
});
afterAll(async () => {
  await web?.close();
});

/** Connects, sends `first` (if any), and resolves with the answer text and the close code. */
function exchange(first?: string | Buffer, path = CONNECT_PATH) {
  return new Promise<{ answer: string; code: number; error?: string }>((resolve) => {
    const ws = new WebSocket(`${web.url.replace('http', 'ws')}${path}`);
    let answer = '';
    ws.on('open', () => first !== undefined && ws.send(first));
    ws.on('message', (d) => {
      answer += d.toString();
    });
    ws.on('error', (e) => resolve({ answer, code: 0, error: e.message }));
    ws.on('close', (code) => resolve({ answer, code }));
  });
}

/** Connects, sends `first`, and resolves with the first answer; then hangs up. */
function firstAnswer(first: string) {
  return new Promise<{ type: string; message?: string }>((resolve, reject) => {
    const ws = new WebSocket(`${web.url.replace('http', 'ws')}${CONNECT_PATH}`);
    ws.on('open', () => ws.send(first));
    ws.once('message', (d) => {
      resolve(JSON.parse(d.toString()) as { type: string; message?: string });
      ws.close();
    });
    ws.on('error', reject);
  });
}

const pair = (code: string) => JSON.stringify({ type: 'pair', code, name: 'host (cpu)' });
const REFUSED_CODE = {
  type: 'refused',
  reason: 'code',
  message: expect.stringMatching(/^this pairing code is wrong, already used or expired .*Add your own GPU…$/),
};

describe('the pairing hub', () => {
  it('refuses an expired code, and a code already used, saying where to get a new one', async () => {
    const expired = web.hub.codes.issue('owner');
    now += PAIRING_CODE_TTL_MS;
    expect(await firstAnswer(pair(expired.code))).toMatchObject(REFUSED_CODE);
    const fresh = web.hub.codes.issue('owner');
    expect(await firstAnswer(pair(fresh.code))).toMatchObject({ type: 'paired' });
    expect(await firstAnswer(pair(fresh.code))).toMatchObject(REFUSED_CODE);
  });

  it('refuses a first message that is not a hello, with a protocol close', async () => {
    const r = await exchange('{"type":"hello"}');
    expect(JSON.parse(r.answer)).toMatchObject({ type: 'refused', reason: 'protocol' });
    expect(r.code).toBe(CLOSE.PROTOCOL);
    const binary = await exchange(Buffer.from([2, 0, 0, 0, 1, 9]));
    expect(binary.code).toBe(CLOSE.PROTOCOL);
  });

  it('refuses an unknown pairing secret', async () => {
    const r = await exchange(
      JSON.stringify({ type: 'resume', id: 'nope', secret: 'x'.repeat(43), name: 'n' }),
    );
    expect(JSON.parse(r.answer)).toMatchObject({ type: 'refused', reason: 'secret' });
    expect(r.code).toBe(CLOSE.REFUSED);
  });

  it('upgrades no other path', async () => {
    const r = await exchange(undefined, '/api/trpc');
    expect(r.error).toMatch(/Unexpected server response: 404/);
  });
});
