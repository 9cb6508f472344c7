/**
 * Translated kernels through an executor built another way than the native one:
 * scripts/executor-toolchains.mjs (the "executor" suite of `npm test`) runs this file with
 * DUET_CROSS_EXECUTOR, the command that starts that executor, and DUET_CROSS_CPU, the CPU its kernel
 * modules must be built for (checked in their ELF headers):
 *   aarch64     '["qemu-aarch64-static","-L","/usr/aarch64-linux-gnu","…/duet-executor"]', arm64, with
 *               DUET_CXX=aarch64-linux-gnu-g++: the arm64 fiber switch at every workgroupBarrier,
 *               atomics from many worker threads
 *   posix-only  '["…/duet-executor"]' built with -DDUET_POSIX_ONLY: the macOS code paths (modules
 *               handed over as files through /dev/fd, no sandbox walls)
 * Without DUET_CROSS_EXECUTOR (a plain vitest run) there is no such executor and the file is skipped.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translate } from '../../compiler';
import { binaryPlatform } from './binary-platform.mjs';
import { Executor } from './executor-harness';

const command = process.env.DUET_CROSS_EXECUTOR
  ? (JSON.parse(process.env.DUET_CROSS_EXECUTOR) as string[])
  : [];
const cacheDir = mkdtempSync(join(tmpdir(), 'duet-cross-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const WGSL = `
@group(0) @binding(0) var<storage, read_write> counters: array<atomic<u32>, 2>;
@group(0) @binding(1) var<storage, read_write> sums: array<u32>;
var<workgroup> part: array<u32, 64>;
var<workgroup> arrived: atomic<u32>;

@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3u,
                                     @builtin(global_invocation_id) gid: vec3u) {
  atomicAdd(&counters[0], 1u);
  atomicMax(&counters[1], gid.x);
  atomicAdd(&arrived, 1u);
  part[li] = gid.x;
  for (var s = 32u; s > 0u; s = s >> 1u) {
    workgroupBarrier();
    if (li < s) { part[li] = part[li] + part[li + s]; }
  }
  workgroupBarrier();
  if (li == 0u) { sums[wid.x] = part[0] + atomicLoad(&arrived) * 1000000u; }
}`;

describe.skipIf(command.length === 0)(
  'kernels on an executor built for another CPU (DUET_CROSS_EXECUTOR)',
  () => {
    it('runs atomics across worker threads and a barrier reduction', async () => {
      const t = translate(WGSL, { target: 'cpu' });
      if (!t.ok) throw new Error(JSON.stringify(t.diagnostics));
      const [file, ...pre] = command;
      const ex = new Executor(file!, [...pre, '--backend', 'cpu', '--cache-dir', cacheDir]);
      await ex.next((h) => h.type === 'ready', 120_000);
      const groups = 16;
      const slotOf = (name: string) => t.bindings.find((b) => b.name === name)!.slot;
      ex.send(
        {
          type: 'run',
          id: 'cross',
          source: t.code,
          kernels: t.kernels.map((k) => ({ symbol: k.symbol, workgroupSize: k.workgroupSize })),
          slots: [
            { slot: slotOf('counters'), bytes: 8, kind: 'storage' },
            { slot: slotOf('sums'), bytes: groups * 4, kind: 'storage' },
          ],
          passes: [{ kernel: 0, dispatch: [groups, 1, 1] }],
          warmup: 0,
          samples: 1,
          timeLimitMs: 60_000,
          outputs: [slotOf('counters'), slotOf('sums')],
        },
        [new Uint8Array(8), new Uint8Array(groups * 4)],
      );
      const { frame } = await ex.finish('cross');
      expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
      const u32 = (b: Uint8Array) => Array.from(new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4));
      expect(u32(frame.payloads[0]!)).toEqual([groups * 64, groups * 64 - 1]);
      // Each group's ids g*64 .. g*64+63 sum to 64*g*64 + 2016; 64 invocations arrived before the barrier.
      expect(u32(frame.payloads[1]!)).toEqual(
        Array.from({ length: groups }, (_, g) => 4096 * g + 2016 + 64_000_000),
      );
      ex.close();
      await ex.exited;
      // The kernel ran as the other CPU's code: the module the executor loaded was built for it.
      const modules = readdirSync(join(cacheDir, 'cpu')).filter((f) => f.endsWith('.so'));
      expect(modules.length).toBeGreaterThan(0);
      for (const m of modules)
        expect(binaryPlatform(join(cacheDir, 'cpu', m))?.cpu).toBe(process.env.DUET_CROSS_CPU);
    }, 600_000);
  },
);
