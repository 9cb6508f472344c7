/** The hub's handshake against clients that are not well-behaved daemons (a real WebSocket each). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE, CONNECT_PATH } from '../../daemon/connect/handshake';
import { startTestWebServer, type TestWebServer } from './test-web-server';

let web: TestWebServer;
beforeAll(async () => {
  web = await startTestWebServer(join(mkdtempSync(join(tmpdir(), 'duet-hub-')), 'web.db'));
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

describe('the pairing hub', () => {
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
