/**
 * ResponseFrameSink over a real HTTP response: frames keep their order, and a frame whose payload
 * is forwarded while it arrives (streamFrame) comes out whole after the frames before it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder } from '../core/frame';
import { ResponseFrameSink } from './frame-sink';

let server: Server | undefined;
afterEach(() => server?.close());

/** Serves one response written by `write`, returns what a client decodes from it. */
async function served(write: (sink: ResponseFrameSink) => void, heartbeatMs?: number) {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-duet-frames' });
    write(new ResponseFrameSink(res, undefined, heartbeatMs));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/`);
  const frames = new FrameDecoder().push(new Uint8Array(await res.arrayBuffer()));
  return frames.map((f) => ({ type: f.header.type, payloads: f.payloads.map((p) => Array.from(p)) }));
}

describe('ResponseFrameSink', () => {
  it('sends a heartbeat while it has nothing else to say, and none after its last frame', async () => {
    const frames = await served((sink) => {
      void sink.frame({ type: 'accepted' });
      // Silent for 5 heartbeat periods, then the result.
      setTimeout(() => {
        void sink.frame({ type: 'result' });
        sink.end();
      }, 250);
    }, 50);
    const types = frames.map((f) => f.type);
    expect(types[0]).toBe('accepted');
    expect(types.at(-1)).toBe('result');
    const beats = types.filter((t) => t === 'heartbeat').length;
    expect(beats).toBeGreaterThanOrEqual(2);
    expect(beats).toBeLessThanOrEqual(5);
  });

  it('sends no heartbeat while frames keep coming', async () => {
    const frames = await served((sink) => {
      let n = 0;
      const tick = setInterval(() => {
        void sink.frame({ type: 'phase' });
        if (++n === 10) {
          clearInterval(tick);
          void sink.frame({ type: 'result' });
          sink.end();
        }
      }, 20);
    }, 100);
    expect(frames.map((f) => f.type).filter((t) => t === 'heartbeat')).toEqual([]);
  });

  it('sends a streamed frame after the frames before it, with every piece in order', async () => {
    const frames = await served((sink) => {
      void sink.frame({ type: 'accepted' });
      void sink.frame({ type: 'phase' }, [new Uint8Array(70_000).fill(9)]); // a bulk frame ahead of it
      const s = sink.streamFrame({ type: 'result' }, [3, 4]);
      s.push(Uint8Array.of(1, 2)); // before its turn: held back, in order
      setTimeout(() => {
        s.push(Uint8Array.of(3, 4, 5));
        setTimeout(() => {
          s.push(Uint8Array.of(6, 7));
          s.end();
          sink.end();
        }, 5);
      }, 5);
    });
    expect(frames.map((f) => f.type)).toEqual(['accepted', 'phase', 'result']);
    expect(frames[1]!.payloads[0]!.length).toBe(70_000);
    expect(frames[2]!.payloads).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('cuts the response off when a streamed frame fails part-way', async () => {
    const got = served((sink) => {
      void sink.frame({ type: 'accepted' });
      const s = sink.streamFrame({ type: 'result' }, [1000]);
      s.push(new Uint8Array(10));
      setTimeout(() => {
        s.fail('the executor died');
        sink.end();
      }, 5);
    });
    await expect(got).rejects.toThrow();
  });
});
