/** HTTP/1.1 over two Tunnels joined back to back, as the web server and a paired daemon use them. */
import { Agent, createServer, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { KIND, MAX_PIECE, Tunnel, type TunnelSocketLike } from './tunnel';

/** Two WebSocket stand-ins: what one sends, the other receives a tick later, in order. */
function joined(onOpen: ConstructorParameters<typeof Tunnel>[1]) {
  const sent: number[] = [];
  let a!: Tunnel;
  let b!: Tunnel;
  const socket = (peer: () => Tunnel): TunnelSocketLike => ({
    send(data, cb) {
      sent.push(data[0]!);
      const copy = Buffer.from(data);
      setImmediate(() => {
        peer().receive(copy);
        cb?.();
      });
    },
    pause() {},
    resume() {},
    bufferedAmount: 0,
  });
  a = new Tunnel(socket(() => b));
  b = new Tunnel(
    socket(() => a),
    onOpen,
  );
  return { web: a, daemon: b, sent };
}

class TestAgent extends Agent {
  constructor(private readonly tunnel: Tunnel) {
    super({ keepAlive: true });
  }
  override createConnection() {
    return this.tunnel.open();
  }
}

function get(agent: Agent, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'paired.invalid', path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections();
});

describe('the tunnel', () => {
  it('carries HTTP requests and large binary answers, split into pieces, several at once', async () => {
    const big = Buffer.alloc(3 * MAX_PIECE + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const server = createServer((req, res) => res.end(req.url === '/big' ? big : 'small'));
    servers.push(server);
    const { web, sent } = joined((s) => server.emit('connection', s));
    const agent = new TestAgent(web);
    const [a, b] = await Promise.all([get(agent, '/big'), get(agent, '/other')]);
    expect(a.status).toBe(200);
    expect(a.body.equals(big)).toBe(true);
    expect(b.body.toString()).toBe('small');
    expect(sent.filter((k) => k === KIND.OPEN).length).toBe(2);
    // Kept alive: a third request reuses a stream.
    await get(agent, '/again');
    expect(sent.filter((k) => k === KIND.OPEN).length).toBe(2);
    agent.destroy();
  });

  it('keeps no timeout listener of a finished request on a kept-alive stream (as net.Socket, for node:http)', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    const { web } = joined((s) => server.emit('connection', s));
    const agent = new TestAgent(web);
    const sockets = new Set<import('node:stream').Duplex>();
    for (let i = 0; i < 15; i++) {
      await new Promise<void>((resolve, reject) => {
        // As the daemon client asks: a time limit on each request (daemon-client/http-request.ts).
        const req = request({ host: 'paired.invalid', path: '/', agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.setTimeout(60_000, () => req.destroy(new Error('no answer')));
        req.on('socket', (s) => sockets.add(s));
        req.on('error', reject);
        req.end();
      });
    }
    expect(sockets.size).toBe(1);
    const [stream] = sockets;
    await new Promise((r) => setImmediate(r));
    expect(stream!.listenerCount('timeout')).toBeLessThanOrEqual(1);
    agent.destroy();
  });

  it('breaks open streams with the reason when the connection goes', async () => {
    const server = createServer((_req, res) => {
      res.write('part of it');
    });
    servers.push(server);
    const { web } = joined((s) => server.emit('connection', s));
    const agent = new TestAgent(web);
    const pending = get(agent, '/slow');
    await new Promise((r) => setTimeout(r, 50));
    web.close(new Error('the paired daemon "x" disconnected from this web server'));
    await expect(pending).rejects.toThrow(/disconnected from this web server/);
    // And a new request on a closed tunnel fails at once with the same reason.
    await expect(get(agent, '/after')).rejects.toThrow(/disconnected from this web server/);
  });

  it('does not let the daemon side open a stream to the web server: it is reset', async () => {
    const { web, sent } = joined(() => {});
    web.receive(new Uint8Array([KIND.OPEN, 0, 0, 0, 7]));
    expect(web.size).toBe(0);
    expect(sent).toEqual([KIND.RESET]);
  });

  it('ignores malformed messages and streams it does not know', () => {
    const { daemon } = joined(() => {
      throw new Error('no stream should open');
    });
    daemon.receive(new Uint8Array([KIND.DATA]));
    daemon.receive(new Uint8Array([KIND.DATA, 0, 0, 0, 9, 1, 2]));
    daemon.receive(new Uint8Array([99, 0, 0, 0, 1]));
    expect(daemon.size).toBe(0);
  });
});
