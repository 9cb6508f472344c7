/**
 * The client against a scripted server: frame stream → RemoteRunResult, error frames and broken
 * streams → DaemonError kinds.
 */
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrameBytes, type FrameHeader } from '../core/frame';
import type { RunEvent } from '../core/progress';
import { FRAMES_CONTENT_TYPE } from '../core/protocol';
import { DEFAULT_SUPERVISOR_TIMING } from '../daemon/supervisor';
import { NO_ANSWER_MS } from './http-request';
import { submitRun } from './submit';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A server that answers POST /v1/runs with these frames (and then, optionally, garbage). */
async function scripted(frames: { header: FrameHeader; payloads?: Uint8Array[] }[], tail?: Uint8Array) {
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': FRAMES_CONTENT_TYPE });
    for (const f of frames) res.write(encodeFrameBytes(f.header, f.payloads));
    if (tail) res.write(tail);
    res.end();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, token: 't' };
}

const workload = { name: 'w' } as never;

/** A minimal result frame. */
function slowResult(id: string): FrameHeader {
  return {
    type: 'result',
    id,
    backend: 'cpu',
    device: { name: 'cpu' },
    translate: { ms: 0, cacheHit: true },
    queueMs: 0,
    daemonMs: 1,
    timings: {
      compile: { ms: 0, cacheHit: true },
      upload: { ms: 0 },
      kernel: { samples: [0.1] },
      download: { ms: 0 },
    },
    outputs: [],
  };
}

describe('submitRun', () => {
  it('turns the frame stream into a SideResult with events, stats and transport', async () => {
    const out = new Uint8Array([1, 2, 3, 4]);
    const t = await scripted([
      { header: { type: 'accepted', id: 'r1' } },
      { header: { type: 'phase', id: 'r1', phase: 'queued', position: 2, of: 3 } },
      { header: { type: 'phase', id: 'r1', phase: 'running', sample: 1, of: 3 } },
      {
        header: {
          type: 'result',
          id: 'r1',
          backend: 'cpu',
          device: { name: 'CPU emulation' },
          translate: { ms: 2, cacheHit: true },
          queueMs: 5,
          daemonMs: 0,
          timings: {
            compile: { ms: 10, cacheHit: false },
            upload: { ms: 1 },
            download: { ms: 0.5 },
            kernel: {
              samples: [3, 1, 2],
              passes: [
                [1, 0.5, 1],
                [2, 0.5, 1],
              ],
              resolutionMs: 0.001,
              timer: 'steady-clock',
            },
          },
          outputs: [{ name: 'y', slot: 2, bytes: 4 }],
        },
        payloads: [out],
      },
    ]);
    const events: RunEvent[] = [];
    const r = await submitRun(t, workload, { onEvent: (e) => events.push(e) });
    expect(events).toEqual([
      { type: 'accepted', id: 'r1' },
      { type: 'queued', position: 2, of: 3 },
      { type: 'phase', phase: 'running', sample: 1, of: 3 },
    ]);
    expect(r.id).toBe('r1');
    expect(r.outputs.y).toEqual(out);
    expect(r.timings.compile).toEqual({ ms: 12, cacheHit: false, translateMs: 2 });
    expect(r.timings.kernel).toMatchObject({
      median: 2,
      min: 1,
      count: 3,
      timer: 'steady-clock',
      resolutionMs: 0.001,
    });
    expect(r.timings.kernel.passes?.map((p) => p.median)).toEqual([1, 1]);
    expect(r.timings.queue).toEqual({ ms: 5 });
    // daemonMs 0: all of the round trip is transport, and the round trip is not negative.
    expect(r.timings.transport!.ms).toBeGreaterThanOrEqual(0);
    expect(r.translate).toEqual({ ms: 2, cacheHit: true });
  });

  it.each([
    ['time-limit', 'timeout'],
    ['cancelled', 'cancelled'],
    ['aborted', 'cancelled'],
    ['compile', 'run'],
    ['executor', 'run'],
  ])('maps an error frame with code %s to kind %s', async (code, kind) => {
    const t = await scripted([
      { header: { type: 'accepted', id: 'r' } },
      { header: { type: 'error', id: 'r', code, message: 'm', log: 'L' } },
    ]);
    await expect(submitRun(t, workload)).rejects.toMatchObject({ kind, code, message: 'm', log: 'L' });
  });

  it('calls a stream that ends early or breaks the framing a protocol error', async () => {
    const early = await scripted([{ header: { type: 'accepted', id: 'r' } }]);
    await expect(submitRun(early, workload)).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringMatching(/before sending a result/),
    });
    await new Promise<void>((r) => server!.close(() => r()));
    const broken = await scripted([], new Uint8Array([0, 0, 0, 0]));
    await expect(submitRun(broken, workload)).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringMatching(/broken frame stream/),
    });
  });

  it('says which limit stopped a run that ran out of time, and how to raise it', async () => {
    const t = await scripted([
      { header: { type: 'accepted', id: 'r' } },
      { header: { type: 'error', id: 'r', code: 'time-limit', message: 'time limit exceeded after 2 s' } },
    ]);
    await expect(submitRun(t, workload)).rejects.toMatchObject({
      kind: 'timeout',
      message: 'time limit exceeded after 2 s',
      hint: expect.stringMatching(/maxRunMs.*--config/),
    });
  });

  it('refuses an answer that is not a frame stream', async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(submitRun({ url, token: 't' }, workload)).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringMatching(/Duet daemon/),
    });
  });

  it('gives up on a server that accepts the connection and never answers, saying what that means', async () => {
    // Holds every request open without a word: as a daemon stopped with Ctrl-Z looks to a caller.
    const silent = createNetServer((socket) => socket.resume());
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      await expect(submitRun({ url, token: 't', noAnswerMs: 300 }, workload)).rejects.toMatchObject({
        kind: 'unreachable',
        message: expect.stringMatching(
          /accepted the connection but sent no answer within 0\.3 s.*stopped \(Ctrl-Z/,
        ),
        hint: expect.stringMatching(/duet daemon/),
      });
      expect(Date.now() - started).toBeLessThan(20_000); // it gave up, rather than the test timing out
    } finally {
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('waits longer for an answer than a fresh daemon may take to bring its executor up', () => {
    // The daemon holds a run's answer until its executor is ready (readyWaitMs, daemon/daemon.ts).
    expect(NO_ANSWER_MS).toBeGreaterThan(DEFAULT_SUPERVISOR_TIMING.startTimeoutMs + 5_000);
  });

  it('gives up on a run whose daemon goes silent part-way (no frame, not even a heartbeat)', async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': FRAMES_CONTENT_TYPE });
      res.write(encodeFrameBytes({ type: 'accepted', id: 'gone' }));
      // ...and then nothing, as from a daemon stopped with Ctrl-Z.
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(submitRun({ url, token: 't', streamSilenceMs: 300 }, workload)).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/went silent for 0\.3 s during the run/),
    });
    server.closeAllConnections();
  });

  it('keeps waiting while heartbeats arrive', async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': FRAMES_CONTENT_TYPE });
      res.write(encodeFrameBytes({ type: 'accepted', id: 'busy' }));
      const beat = setInterval(() => res.write(encodeFrameBytes({ type: 'heartbeat' })), 100);
      setTimeout(() => {
        clearInterval(beat);
        res.end(encodeFrameBytes(slowResult('busy')));
      }, 700);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(submitRun({ url, token: 't', streamSilenceMs: 300 }, workload)).resolves.toMatchObject({
      id: 'busy',
    });
  });

  it('waits out a slow run once its answer has begun: the silence limit covers only the wait for it', async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': FRAMES_CONTENT_TYPE });
      res.write(encodeFrameBytes({ type: 'accepted', id: 'slow' }));
      setTimeout(() => res.end(encodeFrameBytes(slowResult('slow'))), 600);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(submitRun({ url, token: 't', noAnswerMs: 200 }, workload)).resolves.toMatchObject({
      id: 'slow',
    });
  });
});
