/**
 * Drives the C++ executor through its real protocol (docs/contracts.md §4) for the executor's
 * tests: builds it with scripts/build-executor.mjs and speaks frames (core/frame.ts) over its
 * stdin/stdout.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFrame, type Frame, FrameDecoder, type FrameHeader } from '../../core/frame';

export const executorRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the executor when a source is newer than it (incremental) and returns its path. */
export function buildExecutor(): string {
  return execFileSync('node', [join(executorRoot, 'scripts', 'build-executor.mjs'), '--quiet'], {
    cwd: executorRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export class Executor {
  readonly proc: ChildProcessWithoutNullStreams;
  private readonly decoder = new FrameDecoder();
  private readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';

  constructor(binary: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.proc = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => {
      for (const f of this.decoder.push(new Uint8Array(chunk))) this.frames.push(f);
      this.wake();
    });
    this.proc.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code) => {
        this.wake();
        resolve(code);
      });
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(header: FrameHeader, payloads: Uint8Array[] = []) {
    for (const part of encodeFrame(header, payloads)) this.proc.stdin.write(part);
  }

  /** Next frame matching `pred` (earlier non-matching frames are kept for `seen`). */
  async next(pred: (h: FrameHeader) => boolean, timeoutMs = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex((f) => pred(f.header));
      if (i >= 0) return this.frames.splice(i, 1)[0]!;
      if (this.proc.exitCode !== null)
        throw new Error(`executor exited (${this.proc.exitCode}); stderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no matching frame; stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Result or error frame of run `id`, plus the phase frames that came before it. */
  async finish(id: string): Promise<{ frame: Frame; phases: FrameHeader[] }> {
    const frame = await this.next((h) => h.id === id && (h.type === 'result' || h.type === 'error'));
    const phases: FrameHeader[] = [];
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i]!.header.type === 'phase' && this.frames[i]!.header.id === id) {
        phases.unshift(this.frames.splice(i, 1)[0]!.header);
      }
    }
    return { frame, phases };
  }

  close() {
    this.proc.stdin.end();
  }
}

export const f32 = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);
export const asF32 = (b: Uint8Array) =>
  Array.from(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4));
/** The saxpy fixture's uniform {n: u32, a: f32}. */
export function uniform(n: number, a: number) {
  const b = new Uint8Array(8);
  const v = new DataView(b.buffer);
  v.setUint32(0, n, true);
  v.setFloat32(4, a, true);
  return b;
}

/**
 * The ping-pong fixture (`dst[i] = src[i] + u.k` over slots 3, 4, 5): pass 0 adds 1 and swaps, pass 1
 * adds 10 into the first buffer. `want` is what outputs [5, 4] read after the swap.
 */
export function pingPongRun(id: string, source: string, symbol: string) {
  const n = 40;
  const a0 = Array.from({ length: n }, (_, i) => i * 2);
  const header: FrameHeader = {
    type: 'run',
    id,
    source,
    kernels: [{ symbol, workgroupSize: [16, 1, 1] }],
    slots: [
      { slot: 3, bytes: 16, kind: 'uniform' },
      { slot: 4, bytes: n * 4 },
      { slot: 5, bytes: n * 4 },
    ],
    passes: [
      { kernel: 0, dispatch: [3, 1, 1], uniforms: [{ slot: 3, payload: 3 }], swap: [4, 5] },
      { kernel: 0, dispatch: [3, 1, 1], uniforms: [{ slot: 3, payload: 4 }] },
    ],
    warmup: 1,
    samples: 3,
    outputs: [5, 4],
  };
  const payloads = [new Uint8Array(), f32(a0), new Uint8Array(), f32([1]), f32([10])];
  // pass 0: B = A + 1; swap → pass 1 reads B, writes A: A = B + 10. Slot 5 is now bound to A.
  const want = [a0.map((v) => v + 11), a0.map((v) => v + 1)];
  return { header, payloads, want };
}

/** The saxpy fixture (`y = a*x + y` over slots 0, 1, 2, N elements); `want` is y afterwards. */
export const SAXPY_N = 1000;
const xs = Array.from({ length: SAXPY_N }, (_, i) => Math.fround(Math.sin(i) * 3));
const ys = Array.from({ length: SAXPY_N }, (_, i) => i);
const A = 2.5;
export const saxpyWant = xs.map((x, i) => Math.fround(Math.fround(A * x) + ys[i]!));

export function saxpyRunOf(id: string, source: string, symbol: string, warmup = 0, samples = 1) {
  const header: FrameHeader = {
    type: 'run',
    id,
    source,
    sourceHash: '',
    kernels: [{ symbol, workgroupSize: [64, 1, 1] }],
    slots: [
      { slot: 0, bytes: 8, kind: 'uniform' },
      { slot: 1, bytes: SAXPY_N * 4, kind: 'storage-read' },
      { slot: 2, bytes: SAXPY_N * 4, kind: 'storage' },
    ],
    passes: [{ kernel: 0, dispatch: [Math.ceil(SAXPY_N / 64), 1, 1] }],
    warmup,
    samples,
    timeLimitMs: 60_000,
    outputs: [2],
  };
  return { header, payloads: [uniform(SAXPY_N, A), f32(xs), f32(ys)] };
}
