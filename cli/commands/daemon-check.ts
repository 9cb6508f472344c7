/**
 * `duet daemon --check [--backend auto|cuda|cpu]`: can this machine serve Duet? Plain lines, one per
 * thing checked (docs/hosts.md): the host, the executor binary (built for this machine), the CUDA
 * driver, NVRTC, the device, the host<->device bandwidth the executor measured when it started
 * (64 MiB pinned copies each way), the OS sandbox's walls, and a tiny kernel run end to end
 * (translate -> executor -> outputs compared with what they must be). Without a usable NVIDIA GPU it
 * says so, and why, and checks the CPU backend the same way.
 * Exit 0 when the tiny kernel gave the right answer on the backend asked for (auto: either), else 1.
 */

import { cpus } from 'node:os';
import { getDaemonInfo, submitRun } from '#daemon-client';
import type { DeviceInfo } from '../../core/result';
import { describeWalls } from '../../core/sandbox';
import type { Workload } from '../../core/workload';
import { startDaemon } from '../../daemon/daemon';
import { foreignBinaryReason, platformName } from '../../daemon/executor/binary-platform.mjs';
import { DEFAULT_EXECUTOR_PATH } from '../../daemon/executor-command';
import type { ReadyInfo } from '../../daemon/supervisor';
import { ensureExecutorBuilt } from '../ensure-executor';

const TINY_N = 1024;

/** c = a + b over 1024 floats whose sums are exact: the answer is known without a reference. */
export const TINY_KERNEL: Workload = {
  name: 'daemon-check',
  wgsl: `@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3u) {
  c[gid.x] = a[gid.x] + b[gid.x];
}`,
  entryPoint: 'main',
  dispatch: [TINY_N / 64, 1, 1],
  bindings: [
    {
      group: 0,
      binding: 0,
      name: 'a',
      kind: 'storage-read',
      element: 'f32',
      length: TINY_N,
      init: { iota: { start: 0, step: 1 } },
    },
    {
      group: 0,
      binding: 1,
      name: 'b',
      kind: 'storage-read',
      element: 'f32',
      length: TINY_N,
      init: { fill: 0.5 },
    },
    { group: 0, binding: 2, name: 'c', kind: 'storage', element: 'f32', length: TINY_N, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
const gbs = (v: number | undefined) => (v && v > 0 ? `${v.toFixed(1)} GB/s` : 'not measured');

/** The device lines: driver, NVRTC, device, bandwidth for CUDA; what stands in for them on the CPU. */
export function deviceLines(ready: Pick<ReadyInfo, 'backend' | 'device' | 'fallbackReason'>): string[] {
  const d: DeviceInfo = ready.device;
  if (ready.backend === 'cuda') {
    const bw = d.bandwidth;
    return [
      `driver:    CUDA ${d.cudaVersion ?? d.driverVersion ?? '?'} driver API`,
      `NVRTC:     ${String(d.compiler ?? 'unknown version')}`,
      `device:    ${d.name}, compute capability ${d.computeCapability ?? '?'}, ${d.multiprocessors ?? '?'} SMs, ${d.memoryBytes ? gib(d.memoryBytes) : '? GiB'}`,
      `bandwidth: host->device ${gbs(bw?.hostToDeviceGBs)}, device->host ${gbs(bw?.deviceToHostGBs)} (64 MiB pinned copies, measured as the executor started)`,
    ];
  }
  return [
    `GPU:       none usable: ${ready.fallbackReason ?? 'the CPU backend was asked for'}`,
    '           (a CUDA device needs the NVIDIA driver and NVRTC: docs/hosts.md)',
    `device:    ${d.name}, ${d.cores ?? '?'} cores, compiling kernels with ${String(d.compiler ?? 'a C++ compiler')}`,
    'bandwidth: none to measure (the CPU backend works in host memory)',
  ];
}

export async function daemonCheck(opts: {
  backend: 'auto' | 'cuda' | 'cpu';
  write?: (line: string) => void;
}): Promise<number> {
  const say = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  say(`host:      ${platformName()}, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  const missing = ensureExecutorBuilt();
  if (missing) {
    say(`executor:  FAILED: ${missing}`);
    return 1;
  }
  const executor = process.env.DUET_EXECUTOR || DEFAULT_EXECUTOR_PATH;
  const foreign = foreignBinaryReason(executor);
  if (foreign) {
    say(`executor:  FAILED: ${foreign}`);
    return 1;
  }
  say(`executor:  ${executor}`);
  // Loopback, a port of its own, a token of its own: this daemon lives for the check alone.
  const daemon = await startDaemon({
    host: '127.0.0.1',
    port: 0,
    backend: opts.backend,
    requireSandbox: false,
  });
  try {
    let ready: ReadyInfo;
    try {
      ready = await daemon.supervisor.waitReady(180_000);
    } catch (e) {
      say(`device:    FAILED: ${(e as Error).message}`);
      if (opts.backend === 'cuda')
        say('           (without --backend cuda, --check falls back to the CPU backend)');
      return 1;
    }
    for (const line of deviceLines(ready)) say(line);
    say(`sandbox:   ${describeWalls(ready.sandbox)}`);
    const target = { url: daemon.url, token: daemon.token };
    await getDaemonInfo(target);
    const r = await submitRun(target, TINY_KERNEL);
    const out = r.outputs.c;
    const got = out ? new Float32Array(out.buffer, out.byteOffset, out.byteLength / 4) : new Float32Array();
    const wrong = Array.from({ length: TINY_N }, (_, i) => i).filter((i) => got[i] !== i + 0.5);
    if (got.length !== TINY_N || wrong.length) {
      const first = wrong[0] ?? 0;
      say(
        `kernel:    FAILED: c = a + b over ${TINY_N} floats: ${got.length !== TINY_N ? `${got.length} values came back` : `c[${first}] = ${got[first]}, not ${first + 0.5}`}`,
      );
      return 1;
    }
    say(
      `kernel:    ok: c = a + b over ${TINY_N} floats on the ${r.backend} backend (${r.timings.kernel.median.toFixed(3)} ms)`,
    );
    return 0;
  } catch (e) {
    say(`kernel:    FAILED: ${(e as Error).message}`);
    return 1;
  } finally {
    await daemon.close();
  }
}
