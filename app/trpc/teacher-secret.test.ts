/**
 * The workshop teacher secret travels in the fragment of the board link and must never reach a URL
 * (server access logs, reverse-proxy logs): the teacher's queries (board, csv, lesson) go as POST with
 * the input in the body (tRPC's methodOverride), and the endpoint accepts a query sent that way.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../server/router';
import { TRPC_ENDPOINT, trpcEndpoint } from './endpoint';
import { appLinks } from './links';

const SECRET = 'teacher-secret-that-must-stay-out-of-urls';
const seen: { method: string; url: string; body: string }[] = [];
let recorder: Server;
let url = '';

beforeAll(async () => {
  // Records each request and refuses it: what matters is how the page's links send the call.
  recorder = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(500, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}${TRPC_ENDPOINT}`;
});

afterAll(() => recorder.close());

describe('the teacher secret', () => {
  it('goes in the body of the board, csv and lesson queries, never in their URL', async () => {
    const client = createTRPCClient<AppRouter>({ links: appLinks(url) });
    const t = { code: 'ABC123', secret: SECRET };
    await client.workshop.csv.query(t).catch(() => {});
    await client.workshop.lesson.query(t).catch(() => {});
    const board = await client.workshop.board.query(t).catch(() => null);
    if (board)
      await board[Symbol.asyncIterator]()
        .next()
        .catch(() => {});
    const calls = ['workshop.csv', 'workshop.lesson', 'workshop.board'];
    for (const path of calls) {
      const req = seen.find((s) => s.url.includes(path));
      expect(req, path).toBeDefined();
      expect(req!.method, path).toBe('POST');
      expect(decodeURIComponent(req!.url), path).not.toContain(SECRET);
      expect(req!.body, path).toContain(SECRET);
    }
  });

  it('the endpoint answers a query sent as POST (the links above send them so)', async () => {
    const res = await trpcEndpoint(
      new Request(`http://localhost${TRPC_ENDPOINT}/workshop.lessons?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(res.status).toBe(200);
    const [first] = (await res.json()) as { result: { data: { id: string }[] } }[];
    expect(first!.result.data.map((l) => l.id)).toContain('matmul-tiling');
  });
});
