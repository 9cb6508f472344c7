/**
 * Binary download throughput: a 256 MiB storage output from a CPU-backend daemon process (as
 * `npm start` runs it) through daemon-client/, beside a raw loopback TCP socket pushing 256 MiB
 * from another process, interleaved.
 *   http leg:  client round trip − daemonMs (the daemon's own time up to forwarding the result, which for
 *              a result this large starts with the executor's result header), i.e. the outputs crossing
 *              the executor's stdio and loopback HTTP (overlapped) + frame decoding in the client;
 *              measured for both client calls: submitRun (outputs read in place into one array each:
 *              the CLI) and submitRunChunked (outputs kept as the received chunks: the web server, which
 *              forwards them to the page); plus, as the baseline of the in-place read, the chunked call
 *              followed by a copy of its chunks into one fresh array (what submitRun did through node:http)
 *   delivery:  from the client receiving the last "running" phase to submitRun resolving, minus the last
 *              kernel sample: executor → daemon stdio + daemon → client HTTP + decoding (kernel excluded)
 *   raw:       node:net connect → the server socket.end()s one 256 MiB buffer → the client counts the chunks
 *              and drops them: the socket's own rate (the baseline)
 *   raw+copy:  the same, the client copying every chunk into a freshly allocated 256 MiB buffer, the least
 *              any receiver of node's chunks that hands back one array does (fresh memory costs page faults)
 *   raw in place: the same socket read with `onread` straight into a freshly allocated 256 MiB buffer:
 *              the ceiling of an in-place receiver (one copy, by the kernel, into fresh memory)
 */
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type ChunkedRunResult,
  type OutputChunks,
  type RemoteRunResult,
  submitRun,
  submitRunChunked,
} from '#daemon-client';
import type { RunEvent } from '../core/progress';
import type { WorkloadInput } from '../core/workload';
import { withDaemonProcess } from '../testkit/daemon-process';
import { type Measurement, summarise } from './measure';

const BYTES = 256 * 1024 * 1024;
const WORDS = BYTES / 4;

const workload: WorkloadInput = {
  name: 'download-256mib',
  wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.y * 262144u + gid.x;
  out[i] = i * 2654435761u;
}`,
  entryPoint: 'main',
  dispatch: [1024, WORDS / 262144, 1], // 262144 invocations per row; WebGPU caps a dimension at 65535
  bindings: [
    { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: WORDS, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

export interface DownloadResult {
  bytes: number;
  /** submitRun: outputs as one array each. */
  httpLeg: Measurement;
  delivery: Measurement;
  /** submitRunChunked: outputs as the chunks they arrived in (absent in earlier records). */
  chunked?: {
    httpLeg: Measurement;
    delivery: Measurement;
    ratioHttpToRaw: number;
    ratioDeliveryToRaw: number;
  };
  /** submitRunChunked's leg plus copying its chunks into one fresh array: the node:http one-array path. */
  chunkedThenCopy?: { httpLeg: Measurement; ratioHttpToRaw: number };
  raw: Measurement;
  rawCopy: Measurement;
  /** The raw socket read in place into a fresh buffer (absent in earlier records). */
  rawInPlace?: Measurement;
  httpLegGBps: number;
  deliveryGBps: number;
  rawGBps: number;
  rawCopyGBps: number;
  /** raw median ms / http-leg median ms: the download rate as a fraction of the raw socket rate. */
  ratioHttpToRaw: number;
  ratioDeliveryToRaw: number;
  /** raw+copy median ms / http-leg median ms */
  ratioHttpToRawCopy: number;
  roundTrip: Measurement;
  kernel: Measurement;
}

/** A loopback TCP server in its own process that sends BYTES to each connection and closes it. */
async function rawServer(): Promise<{ port: number; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const p = Buffer.alloc(${BYTES}, 0xa5);
       const s = require('node:net').createServer((c) => c.end(p));
       s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the raw socket server exited (${code})`)));
  });
  return { port, stop: () => child.kill() };
}

function rawDownload(port: number, mode: 'count' | 'copy' | 'in-place'): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const into = mode === 'count' ? null : Buffer.allocUnsafeSlow(BYTES);
    const spare = Buffer.allocUnsafe(64 * 1024); // a read past the end finds EOF here
    let at = 0;
    const s =
      mode === 'in-place'
        ? createConnection({
            port,
            host: '127.0.0.1',
            onread: {
              buffer: () => (at < BYTES ? into!.subarray(at) : spare),
              callback: (n: number) => {
                at += n;
                return true;
              },
            },
          })
        : createConnection({ port, host: '127.0.0.1' });
    s.on('data', (c: Buffer) => {
      at += into ? c.copy(into, at) : c.byteLength;
    });
    s.on('end', () =>
      at === BYTES ? resolve(performance.now() - t0) : reject(new Error(`raw: ${at} bytes`)),
    );
    s.on('error', reject);
  });
}

const SAMPLED_WORDS = [0, 1, 12345, WORDS - 1];
function checkWord(i: number, value: number | undefined): void {
  if (value !== Math.imul(i, 2654435761) >>> 0) throw new Error(`download: out[${i}] = ${value} is wrong`);
}

function check(out: Uint8Array | undefined): void {
  if (!out || out.byteLength !== BYTES)
    throw new Error(`download: got ${out?.byteLength} bytes, want ${BYTES}`);
  const v = new Uint32Array(out.buffer, out.byteOffset, WORDS);
  for (const i of SAMPLED_WORDS) checkWord(i, v[i]);
}

/** The same check on chunks, reading the sampled words where they lie (no copy of the output). */
function checkChunks(out: OutputChunks | undefined): void {
  if (!out || out.bytes !== BYTES) throw new Error(`download: got ${out?.bytes} bytes, want ${BYTES}`);
  for (const i of SAMPLED_WORDS) {
    let at = i * 4;
    const word = new Uint8Array(4);
    for (let k = 0, c = 0; k < 4; k++) {
      while (at >= out.chunks[c]!.byteLength) at -= out.chunks[c++]!.byteLength;
      word[k] = out.chunks[c]![at++]!;
    }
    checkWord(i, new DataView(word.buffer).getUint32(0, true));
  }
}

export async function benchDownload(n = 12, warmup = 1): Promise<DownloadResult> {
  const srv = await rawServer();
  const port = srv.port;
  try {
    // Default limits already allow it: maxBindingBytes is 256 MiB, maxRunBytes 1 GiB.
    return await withDaemonProcess({ cache: 'user' }, async (target) => {
      const http: number[] = [];
      const delivery: number[] = [];
      const raw: number[] = [];
      const rawCopy: number[] = [];
      const rawInPlace: number[] = [];
      const chunkedCopy: number[] = [];
      const httpChunked: number[] = [];
      const deliveryChunked: number[] = [];
      const trip: number[] = [];
      const kernel: number[] = [];
      // One call, timed: the HTTP leg and the delivery (from the last `running` phase, kernel excluded).
      const timed = async <R extends RemoteRunResult | ChunkedRunResult>(
        call: (onEvent: (e: RunEvent) => void) => Promise<R>,
      ) => {
        let lastRunning = 0;
        const t0 = performance.now();
        const r = await call((e) => {
          if (e.type === 'phase' && e.phase === 'running' && e.sample === e.of)
            lastRunning = performance.now();
        });
        const t1 = performance.now();
        const lastKernel = r.timings.kernel.samples.at(-1) ?? 0;
        return {
          r,
          trip: t1 - t0,
          http: r.timings.transport?.ms ?? Number.NaN,
          delivery: t1 - lastRunning - lastKernel,
          kernel: lastKernel,
        };
      };
      for (let i = 0; i < warmup + n; i++) {
        const a = await timed((onEvent) => submitRun(target, workload, { onEvent }));
        check(a.r.outputs.out);
        const b = await timed((onEvent) => submitRunChunked(target, workload, { onEvent }));
        checkChunks(b.r.outputs.out);
        const c0 = performance.now();
        const one = new Uint8Array(BYTES);
        let o = 0;
        for (const c of b.r.outputs.out!.chunks) {
          one.set(c, o);
          o += c.byteLength;
        }
        const copyMs = performance.now() - c0;
        const rawMs = await rawDownload(port, 'count');
        const rawCopyMs = await rawDownload(port, 'copy');
        const rawInPlaceMs = await rawDownload(port, 'in-place');
        if (i < warmup) continue;
        trip.push(a.trip);
        http.push(a.http);
        delivery.push(a.delivery);
        kernel.push(a.kernel);
        httpChunked.push(b.http);
        deliveryChunked.push(b.delivery);
        chunkedCopy.push(b.http + copyMs);
        raw.push(rawMs);
        rawCopy.push(rawCopyMs);
        rawInPlace.push(rawInPlaceMs);
      }
      const [h, d, w, c] = [summarise(http), summarise(delivery), summarise(raw), summarise(rawCopy)];
      const [hc, dc] = [summarise(httpChunked), summarise(deliveryChunked)];
      const gbps = (ms: number) => BYTES / (ms * 1e6);
      return {
        bytes: BYTES,
        chunked: {
          httpLeg: hc,
          delivery: dc,
          ratioHttpToRaw: w.median / hc.median,
          ratioDeliveryToRaw: w.median / dc.median,
        },
        chunkedThenCopy: {
          httpLeg: summarise(chunkedCopy),
          ratioHttpToRaw: w.median / summarise(chunkedCopy).median,
        },
        httpLeg: h,
        delivery: d,
        raw: w,
        rawCopy: c,
        rawInPlace: summarise(rawInPlace),
        httpLegGBps: gbps(h.median),
        deliveryGBps: gbps(d.median),
        rawGBps: gbps(w.median),
        rawCopyGBps: gbps(c.median),
        ratioHttpToRaw: w.median / h.median,
        ratioDeliveryToRaw: w.median / d.median,
        ratioHttpToRawCopy: c.median / h.median,
        roundTrip: summarise(trip),
        kernel: summarise(kernel),
      };
    });
  } finally {
    srv.stop();
  }
}
