/**
 * The executor's CUDA backend (src/cuda_backend.cpp) run end to end on a machine without an
 * NVIDIA GPU: `duet-executor --backend cuda` loads test doubles of libcuda.so.1, NVRTC and NVML
 * (tests/fake_cuda/, built by fake-cuda.ts). The fake driver runs stream work only when the host
 * synchronizes with it, starts device memory as garbage and checks every range and launch
 * argument, so ordering, zero-fill, staging, swap and cleanup mistakes of the host code fail here.
 * It knows the fixture kernels of testdata/kernels.cu by name. What only a GPU can show (the
 * generated CUDA code's results, real timings) is docs/gpu-verification.md's part.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNvcc, NVCC } from '../../compiler/testkit/native';
import type { FrameHeader } from '../../core/frame';
import {
  asF32,
  buildExecutor,
  Executor,
  executorRoot,
  f32,
  pingPongRun,
  saxpyRunOf,
  saxpyWant,
} from './executor-harness';
import { fakeCudaEnv } from './fake-cuda';

// The fixture after the common prelude (DuetParams), as the translator assembles a module.
const source = [
  readFileSync(join(executorRoot, 'compiler', 'preludes', 'common.h'), 'utf8'),
  readFileSync(join(executorRoot, 'daemon', 'executor', 'testdata', 'kernels.cu'), 'utf8'),
].join('\n');
let binary = '';
let scratch = '';
let env: NodeJS.ProcessEnv = { ...process.env };

function logOf(name: string): string {
  try {
    return readFileSync(join(scratch, `${name}.log`), 'utf8');
  } catch {
    return '';
  }
}

/** An executor on the fake driver; its stream log is `<name>.log` in the scratch directory. */
function start(
  name: string,
  extra: Record<string, string> = {},
  cacheDir = join(scratch, 'cache'),
): Executor {
  return new Executor(binary, ['--backend', 'cuda', '--cache-dir', cacheDir], {
    ...env,
    FAKE_CUDA_LOG: join(scratch, `${name}.log`),
    ...extra,
  });
}

type Run = { header: FrameHeader; payloads: Uint8Array[] };
function saxpy(id: string, warmup = 0, samples = 1, extra: Partial<FrameHeader> = {}): Run {
  const run = saxpyRunOf(id, source, 'duet_k_fixture_saxpy', warmup, samples);
  return { header: { ...run.header, ...extra }, payloads: run.payloads };
}

/** One kernel that writes nothing over the given slots (payloads as given). */
function oneKernel(
  id: string,
  symbol: string,
  slots: { slot: number; bytes: number }[],
  payloads: Uint8Array[],
  extra: Partial<FrameHeader> = {},
): Run {
  return {
    header: {
      type: 'run',
      id,
      source,
      kernels: [{ symbol, workgroupSize: [1, 1, 1] }],
      slots,
      passes: [{ kernel: 0, dispatch: [1, 1, 1] }],
      warmup: 0,
      samples: 1,
      timeLimitMs: 60_000,
      outputs: slots.map((s) => s.slot),
      ...extra,
    },
    payloads,
  };
}

async function submit(ex: Executor, run: Run) {
  ex.send(run.header, run.payloads);
  return ex.finish(String(run.header.id));
}

const timingsOf = (h: FrameHeader) =>
  h.timings as {
    compile: { cacheHit: boolean };
    kernel: { samples: number[]; passes: number[][]; timer: string; resolutionMs: number };
  };

beforeAll(() => {
  binary = buildExecutor();
  env = { ...process.env, ...fakeCudaEnv() };
  delete env.DUET_NO_NVRTC;
  delete env.DUET_CUDA_DEVICE;
  scratch = mkdtempSync(join(tmpdir(), 'duet-fake-cuda-'));
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('duet-executor --backend cuda on the fake driver', () => {
  let ex: Executor;
  let logAt = 0;
  /** Stream operations logged since the last call. */
  const newLog = () => {
    const all = logOf('main');
    const part = all.slice(logAt);
    logAt = all.length;
    return part.split('\n').filter(Boolean);
  };
  beforeAll(() => {
    ex = start('main');
  });
  afterAll(async () => {
    ex.close();
    await ex.exited;
  });

  it('says ready with the device, the compiler, the PCIe link and the measured bandwidth', async () => {
    const ready = await ex.next((h) => h.type === 'ready');
    expect(ready.header.backend).toBe('cuda');
    expect(ready.header.device).toMatchObject({
      name: 'Duet fake CUDA device (test double)',
      computeCapability: '9.0',
      arch: 'sm_90',
      multiprocessors: 132,
      cudaVersion: '13.0',
      driverVersion: '580.95.05-fake',
      compiler: 'nvrtc 13.0',
      pcie: { generation: 4, width: 16 },
      emulation: false,
    });
    const bw = (ready.header.device as { bandwidth: { hostToDeviceGBs: number; deviceToHostGBs: number } })
      .bandwidth;
    expect(bw.hostToDeviceGBs).toBeGreaterThan(0);
    expect(bw.deviceToHostGBs).toBeGreaterThan(0);
    newLog();
  });

  it('runs saxpy: uploads and downloads through pinned staging, one launch per execution, event timings', async () => {
    const { frame } = await submit(ex, saxpy('saxpy', 2, 5));
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    expect(asF32(frame.payloads[0]!)).toEqual(saxpyWant);
    const t = timingsOf(frame.header);
    expect(t.compile.cacheHit).toBe(false);
    expect(t.kernel.timer).toBe('cuda-events');
    expect((t.kernel as { l2Flushed?: boolean }).l2Flushed).toBe(false);
    expect(t.kernel.samples).toHaveLength(5);
    expect(t.kernel.passes).toEqual([expect.any(Array)]);
    expect(t.kernel.passes[0]).toHaveLength(5);
    const log = newLog();
    expect(log.filter((l) => l === 'launch duet_k_fixture_saxpy grid=16,1,1 block=64,1,1')).toHaveLength(
      1 + 2 + 5,
    );
    expect(log).toContain('htod 4000');
    expect(log).toContain('dtoh 4000');
    expect(log.filter((l) => l.includes('pageable'))).toEqual([]);
    expect(log.filter((l) => l.startsWith('INVALID'))).toEqual([]);
  });

  it('zero-fills every buffer before its upload lands (device memory starts as garbage)', async () => {
    const { frame } = await submit(
      ex,
      oneKernel(
        'zeros',
        'duet_k_fixture_guard',
        [
          { slot: 1, bytes: 64 },
          { slot: 2, bytes: 64 },
        ],
        [new Uint8Array(), f32([1, 2, 3])],
      ),
    );
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    expect(asF32(frame.payloads[0]!)).toEqual(new Array(16).fill(0));
    expect(asF32(frame.payloads[1]!)).toEqual([1, 2, 3, ...new Array(13).fill(0)]);
    expect(frame.header.warnings).toEqual([expect.stringMatching(/iteration guard/)]);
  });

  // CUDA isolation between runs (docs/security.md): the fake hands a freed block to the next cuMemAlloc
  // of its size with its bytes as they were, as a real context reuses device memory, and its pinned
  // staging starts as 0xAB. The second run reads its source before anything writes it: it must see
  // its own three values and zeros, never the first run's.
  it("no run reads another run's data: reused device memory and staging are zeroed or overwritten first", async () => {
    const n = 1024;
    const step = (id: string, src: Uint8Array) =>
      oneKernel(
        id,
        'duet_k_fixture_step',
        [
          { slot: 3, bytes: 16 },
          { slot: 4, bytes: 4 * n },
          { slot: 5, bytes: 4 * n },
        ],
        [f32([0]), src, new Uint8Array()],
        {
          kernels: [{ symbol: 'duet_k_fixture_step', workgroupSize: [64, 1, 1] }],
          passes: [{ kernel: 0, dispatch: [n / 64, 1, 1] }],
          outputs: [5],
        },
      );
    const secret = Array.from({ length: n }, (_, i) => 1000 + i);
    const first = await submit(ex, step('secret', f32(secret)));
    expect(first.frame.header.type, JSON.stringify(first.frame.header)).toBe('result');
    expect(asF32(first.frame.payloads[0]!)).toEqual(secret);
    newLog();
    const second = await submit(ex, step('snoop', f32([7, 8, 9])));
    expect(second.frame.header.type, JSON.stringify(second.frame.header)).toBe('result');
    expect(asF32(second.frame.payloads[0]!)).toEqual([7, 8, 9, ...new Array(n - 3).fill(0)]);
    // The fake did hand the second run the first run's blocks.
    expect(newLog().filter((l) => l === `alloc ${4 * n} reused`).length).toBeGreaterThanOrEqual(2);
  });

  it('reports a kernel that refused to run because a binding is smaller than its type, then runs the next job', async () => {
    const { frame } = await submit(
      ex,
      oneKernel('refuse', 'duet_k_fixture_refuse', [{ slot: 2, bytes: 16 }], [new Uint8Array()]),
    );
    expect(frame.header).toMatchObject({ type: 'error', code: 'internal', fatal: false });
    expect(String(frame.header.message)).toMatch(/smaller than its WGSL type/);
    const after = await submit(ex, saxpy('after-refuse'));
    expect(asF32(after.frame.payloads[0]!)).toEqual(saxpyWant);
    newLog();
  });

  it('restores written slots before every execution: outputs independent of the sample count', async () => {
    const once = await submit(ex, saxpy('once'));
    const many = await submit(ex, saxpy('many', 3, 9));
    expect(many.frame.payloads[0]).toEqual(once.frame.payloads[0]);
    expect(asF32(many.frame.payloads[0]!)).toEqual(saxpyWant);
    expect(timingsOf(many.frame.header).compile.cacheHit).toBe(true);
    newLog();
  });

  it('runs passes in order with per-pass uniforms and follows the swaps to the outputs', async () => {
    const run = pingPongRun('passes', source, 'duet_k_fixture_step');
    const { frame } = await submit(ex, run);
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    expect(frame.payloads.map((p) => asF32(p))).toEqual(run.want);
    expect(timingsOf(frame.header).kernel.passes).toHaveLength(2);
    newLog();
  });

  it('flushes L2 before each execution when asked (a device write of twice its size)', async () => {
    const { frame } = await submit(ex, saxpy('flush', 1, 3, { flushL2: true }));
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    expect(asF32(frame.payloads[0]!)).toEqual(saxpyWant);
    expect((timingsOf(frame.header).kernel as { l2Flushed?: boolean }).l2Flushed).toBe(true);
    const l2 = 8 << 20; // the fake's L2_CACHE_SIZE
    expect(newLog().filter((l) => l === `memset ${2 * l2}`)).toHaveLength(1 + 1 + 3);
  });

  it('stops an endless loop at the time limit through the mapped abort word, then runs the next job', async () => {
    const spin = oneKernel('spin', 'duet_k_fixture_spin', [{ slot: 2, bytes: 16 }], [new Uint8Array()], {
      timeLimitMs: 300,
    });
    const { frame } = await submit(ex, spin);
    expect(frame.header).toMatchObject({
      type: 'error',
      code: 'time-limit',
      message: 'time limit exceeded after 0.3 s',
      fatal: false,
    });
    const after = await submit(ex, saxpy('after-spin'));
    expect(asF32(after.frame.payloads[0]!)).toEqual(saxpyWant);
  });

  it('cancels a running kernel', async () => {
    const spin = oneKernel('cancel-me', 'duet_k_fixture_spin', [{ slot: 2, bytes: 16 }], [new Uint8Array()], {
      timeLimitMs: 120_000,
    });
    ex.send(spin.header, spin.payloads);
    await ex.next((h) => h.type === 'phase' && h.id === 'cancel-me' && h.phase === 'running');
    ex.send({ type: 'cancel', id: 'cancel-me' });
    const { frame } = await ex.finish('cancel-me');
    expect(frame.header).toMatchObject({ type: 'error', code: 'aborted' });
  });

  it('reports a compile error with the compiler log, and a kernel the module does not have', async () => {
    const broken = saxpy('broken', 0, 1, { source: `${source}\n#error this kernel does not compile\n` });
    const a = await submit(ex, broken);
    expect(a.frame.header).toMatchObject({ type: 'error', code: 'compile', fatal: false });
    expect(String(a.frame.header.message)).toMatch(/does not compile for sm_90 \(nvrtc 13\.0\)/);
    expect(String(a.frame.header.log)).toMatch(
      /duet_kernel\.cu\(\d+\): error: #error this kernel does not compile/,
    );
    const missing = saxpy('missing', 0, 1, {
      kernels: [{ symbol: 'duet_k_nope', workgroupSize: [64, 1, 1] }],
    });
    const b = await submit(ex, missing);
    expect(b.frame.header).toMatchObject({ type: 'error', code: 'compile' });
    expect(String(b.frame.header.message)).toMatch(/has no kernel duet_k_nope: CUDA_ERROR_NOT_FOUND/);
  });

  it('runs its health check as a real launch', async () => {
    ex.send({ type: 'health' });
    const h = await ex.next((x) => x.type === 'health');
    expect(h.header.ok).toBe(true);
    expect(newLog()).toContain('launch duet_health grid=1,1,1 block=32,1,1');
  });

  it('never handed the fake an out-of-range copy or launch', () => {
    expect(
      logOf('main')
        .split('\n')
        .filter((l) => l.startsWith('INVALID')),
    ).toEqual([]);
  });
});

describe('CUDA backend faults and limits on the fake driver', () => {
  it('a faulting kernel reports the lost context and exits so it is restarted clean', async () => {
    const ex = start('fault');
    await ex.next((h) => h.type === 'ready');
    const { frame } = await submit(
      ex,
      oneKernel('fault', 'duet_k_fixture_fault', [{ slot: 2, bytes: 16 }], [new Uint8Array()]),
    );
    expect(frame.header).toMatchObject({ type: 'error', code: 'launch', fatal: true });
    expect(String(frame.header.message)).toMatch(
      /CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered \(the CUDA context is lost; the executor restarts\)/,
    );
    expect(await ex.exited).toBe(3);
  });

  it('a fault whose code is not on the sticky list still ends the executor: a lost context never reaches the next run', async () => {
    // A code this executor does not know (a newer driver's): the context fails the synchronize probe.
    const ex = start('fault-unlisted', { FAKE_CUDA_FAULT_CODE: '9999' });
    await ex.next((h) => h.type === 'ready');
    const { frame } = await submit(
      ex,
      oneKernel('fault-unlisted', 'duet_k_fixture_fault', [{ slot: 2, bytes: 16 }], [new Uint8Array()]),
    );
    expect(frame.header).toMatchObject({ type: 'error', fatal: true });
    expect(String(frame.header.message)).toMatch(/\(the CUDA context is lost; the executor restarts\)/);
    expect(await ex.exited).toBe(3);
  });

  it('answers out of device memory without dying, and gives every run its device memory back', async () => {
    const ex = start('memory', { FAKE_CUDA_MEMORY_BYTES: String(256 << 20) });
    await ex.next((h) => h.type === 'ready');
    const big = await submit(
      ex,
      oneKernel('too-big', 'duet_k_fixture_guard', [{ slot: 2, bytes: 300 << 20 }], [new Uint8Array()], {
        outputs: [],
      }),
    );
    expect(big.frame.header).toMatchObject({ type: 'error', code: 'device', fatal: false });
    expect(String(big.frame.header.message)).toMatch(/^cuMemAlloc: CUDA_ERROR_OUT_OF_MEMORY: out of memory/);
    // 150 MiB of 256 each: a run that kept its buffers would leave the next one short.
    for (let i = 0; i < 4; i++) {
      const ok = await submit(
        ex,
        oneKernel(`fits-${i}`, 'duet_k_fixture_guard', [{ slot: 2, bytes: 150 << 20 }], [new Uint8Array()], {
          outputs: [],
        }),
      );
      expect(ok.frame.header.type, JSON.stringify(ok.frame.header)).toBe('result');
    }
    ex.close();
    expect(await ex.exited).toBe(0);
  });

  it('names a source by its hash alone from the disk cache after a restart, and recompiles a corrupt cached module', async () => {
    const cacheDir = join(scratch, 'disk-cache');
    const hash = createHash('sha256').update(source).digest('hex');
    const first = start('disk-1', {}, cacheDir);
    await first.next((h) => h.type === 'ready');
    const a = await submit(first, saxpy('disk-a', 0, 1, { sourceHash: hash }));
    expect(timingsOf(a.frame.header).compile.cacheHit).toBe(false);
    first.close();
    await first.exited;

    const second = start('disk-2', {}, cacheDir);
    await second.next((h) => h.type === 'ready');
    const byHash = saxpy('disk-b', 0, 1, { sourceHash: hash });
    delete byHash.header.source;
    const b = await submit(second, byHash);
    expect(b.frame.header.type, JSON.stringify(b.frame.header)).toBe('result');
    expect(timingsOf(b.frame.header).compile.cacheHit).toBe(true);
    expect(asF32(b.frame.payloads[0]!)).toEqual(saxpyWant);
    second.close();
    await second.exited;

    const modules = readdirSync(join(cacheDir, 'cuda')).filter((f) => f.endsWith('.cubin'));
    expect(modules.length).toBeGreaterThan(0);
    for (const m of modules) writeFileSync(join(cacheDir, 'cuda', m), 'not a module at all');
    const third = start('disk-3', {}, cacheDir);
    await third.next((h) => h.type === 'ready');
    const c = await submit(third, saxpy('disk-c', 0, 1, { sourceHash: hash }));
    expect(c.frame.header.type, JSON.stringify(c.frame.header)).toBe('result');
    expect(timingsOf(c.frame.header).compile.cacheHit).toBe(false);
    expect(asF32(c.frame.payloads[0]!)).toEqual(saxpyWant);
    for (const m of modules) expect(statSync(join(cacheDir, 'cuda', m)).size).toBeGreaterThan(100);
    third.close();
    await third.exited;
  });

  it("opens NVRTC's builtins from NVRTC's own folder when NVRTC was found by path", async () => {
    // A toolkit folder on no loader path: the fake NVRTC (version 13.0) and a library standing in
    // for its builtins under the name NVRTC would ask the loader for.
    const lib = join(scratch, 'toolkit', 'lib64');
    mkdirSync(lib, { recursive: true });
    copyFileSync(env.DUET_NVRTC!, join(lib, 'libnvrtc.so.13'));
    copyFileSync(env.DUET_NVML!, join(lib, 'libnvrtc-builtins.so.13.0'));
    const ex = start('builtins', { DUET_NVRTC: join(lib, 'libnvrtc.so.13') });
    await ex.next((h) => h.type === 'ready');
    // NVRTC lives in the compiler helper, the executor's child (wall 3: compiling runs apart).
    const pid = ex.proc.pid!;
    const helper = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    const maps = readFileSync(`/proc/${helper}/maps`, 'utf8');
    expect(maps).toContain(join(lib, 'libnvrtc.so.13'));
    expect(maps).toContain(join(lib, 'libnvrtc-builtins.so.13.0'));
    ex.close();
    expect(await ex.exited).toBe(0);
  });

  it('says "no CUDA device" when the driver sees none', async () => {
    const ex = start('none', { FAKE_CUDA_DEVICES: '0' });
    const fatal = await ex.next((h) => h.type === 'fatal');
    expect(fatal.header.message).toBe('no CUDA device: the driver sees no device');
    expect(await ex.exited).toBe(1);
  });

  it.skipIf(!hasNvcc())(
    'falls back to nvcc without NVRTC: a real CUBIN, loaded and launched by name',
    async () => {
      const ex = start('nvcc', { DUET_NO_NVRTC: '1', DUET_NVCC: NVCC }, join(scratch, 'nvcc-cache'));
      const ready = await ex.next((h) => h.type === 'ready');
      expect(String((ready.header.device as { compiler: string }).compiler)).toMatch(/^nvcc /);
      const { frame } = await submit(ex, saxpy('nvcc-saxpy'));
      expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
      expect(asF32(frame.payloads[0]!)).toEqual(saxpyWant);
      expect(logOf('nvcc')).toMatch(/^module 6 kernels$/m);
      ex.close();
      await ex.exited;
    },
    120_000,
  );
});
