import { describe, expect, it, vi } from 'vitest';
import { translate } from '../compiler/index';
import { resolveLimits } from './config';
import type { DeviceQueue, QueuedJob } from './device-queue';
import type { FrameSink } from './frame-sink';
import { createRunRateLimiter } from './rate-limit';
import { newRunId, RunService } from './run-service';
import type { Supervisor } from './supervisor';
import { TranslationCache } from './translation';

describe('run ids', () => {
  it('are distinct, URL-safe and as long as the route accepts, across pool refills', () => {
    const ids = Array.from({ length: 2000 }, () => newRunId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^r_[A-Za-z0-9_-]{12}$/);
  });
});

describe('device time for the fair queue', () => {
  it('starts when the run reaches the executor, after any wait for it to be ready', async () => {
    const events: string[] = [];
    let ready = true;
    const supervisor = {
      unavailable: null,
      lastReady: { backend: 'cpu' as const },
      waitReady: async () => {
        if (!ready) {
          // An executor restarting after someone else's crash.
          await new Promise((r) => setTimeout(r, 20));
          events.push('executor ready');
        }
        return { backend: 'cpu' as const };
      },
      execute: async () => {
        events.push('execute');
        return { ok: false as const, code: 'cancelled', message: 'not run in this test' };
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
    const admitted = await service.admit(
      {
        name: 'fill',
        wgsl: '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() { out[0] = 1u; }',
        entryPoint: 'main',
        dispatch: [1, 1, 1],
        bindings: [
          { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 1, output: true },
        ],
      },
      'student',
      0,
    );
    if (!admitted.ok) throw new Error(admitted.rejection.body.message);
    const sink: FrameSink = {
      frame: async () => {},
      streamFrame: () => {
        throw new Error('not streamed');
      },
      end: () => {},
      closed: false,
      onClose: () => {},
    };
    ready = false;
    const done = service.execute(admitted.run, sink);
    await vi.waitFor(() => expect(submitted).toBeDefined());
    await submitted!.run(() => events.push('device clock starts'));
    await done;
    expect(events).toEqual(['executor ready', 'device clock starts', 'execute']);
  });
});
