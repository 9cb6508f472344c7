/**
 * A restarted daemon on the same cache folder (translation-store.ts + the executor's module cache),
 * with the real translator and the C++ executor's CPU backend: the translation comes from disk and
 * the run goes to the new executor by sourceHash alone, which loads the module it compiled before;
 * when that module is gone the executor asks for the source and the daemon reads it from the record.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RemoteRunResult, submitRun } from '#daemon-client';
import type { WorkloadInput } from '../core/workload';
import { startDaemon } from './daemon';

const ROOT = join(import.meta.dirname, '..');

const workload: WorkloadInput = {
  name: 'restart',
  wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&out)) { out[id.x] = id.x * 3u + 1u; }
}`,
  entryPoint: 'main',
  dispatch: [2, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 128, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

function values(r: RemoteRunResult): number[] {
  const out = r.outputs.out!;
  return Array.from(new Uint32Array(out.buffer, out.byteOffset, out.byteLength / 4));
}
const expected = Array.from({ length: 128 }, (_, i) => i * 3 + 1);

/** One daemon's lifetime on `cacheDir`: its executor ready, one run, closed. */
async function runOnce(cacheDir: string): Promise<RemoteRunResult> {
  const d = await startDaemon({ port: 0, backend: 'cpu', cacheDir });
  try {
    await d.supervisor.waitReady(60_000);
    return await submitRun({ url: d.url, token: d.token }, workload);
  } finally {
    await d.close();
  }
}

async function untilRecord(dir: string): Promise<void> {
  for (let end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20)))
    if (existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.translation'))) return;
  throw new Error(`no translation record appeared in ${dir}`);
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
});

describe('a restarted daemon on the same cache folder', () => {
  it('runs from both disk caches by hash, and sends the source when the module is gone', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'duet-restart-'));
    const cold = await runOnce(cacheDir);
    expect(values(cold)).toEqual(expected);
    expect([cold.translate.cacheHit, cold.timings.compile.cacheHit]).toEqual([false, false]);
    await untilRecord(join(cacheDir, 'translations'));

    const warm = await runOnce(cacheDir);
    expect(values(warm)).toEqual(expected);
    expect([warm.translate.cacheHit, warm.timings.compile.cacheHit]).toEqual([true, true]);

    // The executor's modules gone, the translation record kept: need-source, then a fresh compile.
    for (const name of readdirSync(cacheDir))
      if (name !== 'translations') rmSync(join(cacheDir, name), { recursive: true, force: true });
    const rebuilt = await runOnce(cacheDir);
    expect(values(rebuilt)).toEqual(expected);
    expect([rebuilt.translate.cacheHit, rebuilt.timings.compile.cacheHit]).toEqual([true, false]);
  });
});
