import { describe, expect, it } from 'vitest';
import { translate } from '../compiler/index';
import type { FrameHeader, OutgoingPayload } from '../core/frame';
import type { RunPlan } from '../core/run-plan';
import { parseWorkload } from '../core/workload';
import { resolveLimits } from './config';
import type { DeviceQueue, QueuedJob } from './device-queue';
import type { ExecutorJob } from './executor-job';
import type { FrameSink } from './frame-sink';
import { createRunRateLimiter } from './rate-limit';
import { type AdmittedRun, RunService, STREAM_RESULT_BYTES } from './run-service';
import type { Supervisor } from './supervisor';
import { type Translation, TranslationCache } from './translation';

/**
 * A storage texture's output leaves the daemon as its texels, without the 32-byte slot header
 * (docs/contracts.md §3), whether the result goes out whole or is streamed while it arrives. The
 * executor here is a stand-in that answers with a slot's bytes: what matters is the daemon's cut.
 */
async function runWithOutput(
  slotBytes: Uint8Array,
  pieces: number,
): Promise<{ header: FrameHeader; bytes: Buffer }> {
  const texels = slotBytes.byteLength - 32;
  const n = texels / 4; // rgba8uint texels
  const width = Math.min(512, n);
  const parsed = parseWorkload({
    name: 'tex',
    wgsl: 'x',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'dst',
        kind: 'storage-texture',
        format: 'rgba8uint',
        size: [width, n / width],
        access: 'write',
        output: true,
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const plan: RunPlan = {
    kernels: [{ symbol: 'duet_k_main', workgroupSize: [1, 1, 1] }],
    slots: [],
    passes: [{ kernel: 0, dispatch: [1, 1, 1], uniforms: [] }],
    outputs: [{ slot: 0, name: 'dst', offset: 32, bytes: texels }],
    warnings: [],
  };
  const chunks = Array.from({ length: pieces }, (_, k) =>
    slotBytes.subarray(
      Math.floor((k * slotBytes.length) / pieces),
      Math.floor(((k + 1) * slotBytes.length) / pieces),
    ),
  );
  const resultHead: FrameHeader = {
    type: 'result',
    outputs: [{ slot: 0 }],
    payloads: [slotBytes.byteLength],
    timings: {},
  };
  const supervisor = {
    unavailable: null,
    lastReady: { backend: 'cpu' as const, device: { name: 'cpu' } },
    waitReady: async () => ({ backend: 'cpu' as const }),
    execute: async (job: ExecutorJob) => {
      const push = job.onResultHead?.(resultHead);
      if (push) for (const c of chunks) push(c);
      return { ok: true as const, header: resultHead, payloads: [chunks] };
    },
  };
  let submitted: QueuedJob | undefined;
  const queue = {
    full: false,
    submit: (job: QueuedJob) => {
      submitted = job;
      return true;
    },
    withdraw: () => false,
  };
  const service = new RunService({
    limits: resolveLimits(),
    supervisor: supervisor as unknown as Supervisor,
    queue: queue as unknown as DeviceQueue,
    rateLimiter: createRunRateLimiter(1000),
    translations: new TranslationCache(translate),
    readyWaitMs: 1000,
  });
  const translation = { code: '', sourceHash: 'h', ms: 0, cacheHit: true, kernels: [], bindings: [] };
  const run: AdmittedRun = {
    id: 'r_test',
    clientId: 'c',
    workload: parsed.workload,
    translation: { ...translation, loadCode: () => '' } as unknown as Translation,
    plan,
    receivedAt: performance.now(),
  };
  let result: FrameHeader | undefined;
  const received: Uint8Array[] = [];
  const sink: FrameSink = {
    frame: async (header: FrameHeader, payloads?: readonly OutgoingPayload[]) => {
      if (header.type !== 'result') return;
      result = header;
      for (const p of payloads ?? []) for (const c of p instanceof Uint8Array ? [p] : p) received.push(c);
    },
    streamFrame: (header: FrameHeader) => {
      result = header;
      return { push: (piece: Uint8Array) => received.push(piece), end: () => {}, fail: () => {} };
    },
    end: () => {},
    closed: false,
    onClose: () => {},
  };
  const done = service.execute(run, sink);
  while (!submitted) await new Promise((r) => setTimeout(r, 1));
  await submitted.run(() => {});
  await done;
  if (!result) throw new Error('no result frame');
  return { header: result, bytes: Buffer.concat(received) };
}

describe('storage texture outputs leave the daemon without their header', () => {
  it('in a whole result', async () => {
    const slot = Uint8Array.from({ length: 32 + 16 }, (_, i) => i);
    const { header, bytes } = await runWithOutput(slot, 3);
    expect(header.outputs).toEqual([{ name: 'dst', slot: 0, bytes: 16 }]);
    expect([...bytes]).toEqual([...slot.subarray(32)]);
  });

  it('in a result streamed piece by piece', async () => {
    const slot = Uint8Array.from({ length: 32 + STREAM_RESULT_BYTES }, (_, i) => (i * 7) & 0xff);
    const { header, bytes } = await runWithOutput(slot, 5);
    expect(header.outputs).toEqual([{ name: 'dst', slot: 0, bytes: STREAM_RESULT_BYTES }]);
    expect(bytes.length).toBe(STREAM_RESULT_BYTES);
    expect(bytes.equals(slot.subarray(32))).toBe(true);
  });
});
