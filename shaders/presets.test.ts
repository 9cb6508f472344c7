/**
 * The kernel library end to end: every preset, at its defaults and at its smaller test parameters,
 * resolves to a valid workload, and runs on BOTH sides — the CPU backend (an embedded daemon, the
 * same one `duet run --backend cpu` starts) and WebGPU in headless Chromium (SwiftShader without a
 * GPU) — with each side's outputs compared against the preset's independent TypeScript reference
 * under the binding's tolerance (core/compare.ts).
 *
 * DUET_PRESETS=id1,id2 limits the run to some presets (handy while writing a kernel).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DaemonTarget, submitRun } from '#daemon-client';
import { compareBinding, compareBytes } from '../core/compare';
import { presetScope } from '../core/preset';
import type { SideResult } from '../core/result';
import { encodeTexel } from '../core/texel-codec';
import { type TextureFormat, textureFormat } from '../core/texture-formats';
import type { Workload } from '../core/workload';
import { type LibraryPreset, PRESETS, resolveLibraryPreset } from './index';
import { type PresetReference, referenceInputs } from './lib/reference-kit';
import { REFERENCES } from './references.generated';

const only = process.env.DUET_PRESETS?.split(',').filter(Boolean);
const selected = only ? PRESETS.filter((p) => only.includes(p.id)) : PRESETS;

interface Case {
  preset: LibraryPreset;
  params: Record<string, number>;
  label: string;
  workload: Workload;
}

function paramSets(p: LibraryPreset): Record<string, number>[] {
  const defaults = presetScope(p.preset);
  const tests = p.preset.testParams ?? [
    Object.fromEntries(Object.entries(p.params).map(([k, s]) => [k, s.min])),
  ];
  return [{}, ...tests].map((t) => {
    const full: Record<string, number> = {};
    for (const k of Object.keys(p.params)) full[k] = t[k] ?? defaults[k]!;
    return full;
  });
}

const cases: Case[] = selected.flatMap((preset) =>
  paramSets(preset).map((params) => {
    const workload = resolveLibraryPreset(preset.id, params);
    return {
      preset,
      params,
      label: `${preset.id} (${Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
      // One compared execution and one timed sample: correctness is what these tests are about.
      workload: { ...workload, runs: { warmup: 0, samples: 1 } },
    };
  }),
);

const f32Bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Channel values (rgba per texel, as read) → texels of format `f`, as textureStore writes them. */
function texelsOf(f: TextureFormat, channels: ArrayLike<number>): Uint8Array {
  const texels = Math.floor(channels.length / 4);
  const out = new Uint8Array(texels * f.texelBytes);
  const view = new DataView(out.buffer);
  for (let t = 0; t < texels; t++) {
    encodeTexel(
      f,
      Array.from({ length: 4 }, (_, c) => channels[t * 4 + c]!),
      view,
      t * f.texelBytes,
    );
  }
  return out;
}

/** Every output of `result` against the reference; a message naming preset, side, binding, index, values. */
function checkAgainstReference(c: Case, side: string, result: SideResult): void {
  const reference: PresetReference | undefined = REFERENCES[c.preset.id];
  if (!reference) throw new Error(`${c.preset.id}: no reference in shaders/${c.preset.id}/reference.ts`);
  const expected = reference(c.workload, referenceInputs(c.workload));
  const problems: string[] = [];
  for (const b of c.workload.bindings.filter((x) => x.output)) {
    const want = expected[b.name];
    if (!want) {
      problems.push(`binding ${b.name}: the reference does not compute it`);
      continue;
    }
    const got = result.outputs[b.name];
    if (!got) {
      problems.push(`binding ${b.name}: missing from the ${side} result`);
      continue;
    }
    // A storage texture's reference is its channels as WGSL reads them: stored as textureStore
    // would, then compared like the two sides' texels (core/texture-compare.ts).
    const format = b.kind === 'storage-texture' ? textureFormat(b.format ?? '') : undefined;
    const cmp = format
      ? compareBinding(b, got, texelsOf(format, want), { maxReported: 5 })
      : compareBytes(b.element ?? 'bytes', got, f32Bytes(want), { tolerance: b.tolerance, maxReported: 5 });
    if (cmp.verdict === 'match' || cmp.verdict === 'within-tolerance') continue;
    const firsts = cmp.firstMismatches
      .map((m) => `[${m.index}] expected ${m.b}, got ${m.a} (abs ${m.abs.toPrecision(3)}, ${m.ulp} ulp)`)
      .join('; ');
    problems.push(
      `binding ${b.name}: ${cmp.verdict}, ${cmp.mismatchCount} of ${cmp.count} elements beyond ` +
        `${JSON.stringify(cmp.tolerance ?? 'exact')} (got ${cmp.bytesA} bytes, expected ${cmp.bytesB}): ${firsts}`,
    );
  }
  if (problems.length) throw new Error(`${c.label} on ${side}:\n  ${problems.join('\n  ')}`);
}

describe('every preset resolves', () => {
  it('the library holds presets with references', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(2);
    for (const p of PRESETS) expect(REFERENCES[p.id], p.id).toBeTypeOf('function');
  });

  for (const c of cases) {
    it(`${c.label}: valid workload within WebGPU's default limits`, () => {
      // resolveLibraryPreset already validated it; check what the schema cannot know.
      const dispatches = c.workload.passes?.map((p) => p.dispatch) ?? [c.workload.dispatch!];
      for (const d of dispatches)
        for (const x of d) expect(x, `${c.label}: dispatch ${d}`).toBeLessThanOrEqual(65535);
      for (const b of c.workload.bindings) {
        if (b.kind === 'uniform') continue;
        const bytes = (b.length ?? 0) * (b.element === 'f16' ? 2 : b.element === 'bytes' ? 1 : 4);
        expect(bytes, `${c.label}: ${b.name} bytes`).toBeLessThanOrEqual(128 * 1024 * 1024);
      }
      expect(c.workload.metrics?.bytes, `${c.label}: metrics.bytes`).toBeGreaterThan(0);
    });
  }
});

const cpuReady =
  !!process.env.DUET_EXECUTOR ||
  existsSync(new URL('../daemon/executor/build/duet-executor', import.meta.url));

describe.skipIf(!cpuReady)('CPU backend (embedded daemon) agrees with the references', () => {
  let target: DaemonTarget;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const { startDaemon } = await import('../daemon/daemon');
    const d = await startDaemon({ host: '127.0.0.1', port: 0, backend: 'cpu' });
    target = { url: d.url, token: d.token };
    close = () => d.close();
  });
  afterAll(() => close());

  for (const c of cases) {
    it(c.label, async () => {
      const r = await submitRun(target, c.workload);
      expect(r.backend).toBe('cpu');
      checkAgainstReference(c, 'cpu', r);
    });
  }
});

const hasChromium = existsSync('/usr/bin/chromium');

describe.skipIf(!hasChromium)('WebGPU in headless Chromium agrees with the references', () => {
  let runner: { run(w: Workload): Promise<SideResult>; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    const { openChromiumRunner } = await import('../cli/webgpu');
    runner = await openChromiumRunner();
  });
  afterAll(() => runner?.close());

  for (const c of cases) {
    it(c.label, async () => {
      const r = await runner!.run(c.workload);
      expect(r.backend).toBe('webgpu');
      checkAgainstReference(c, 'webgpu', r);
    });
  }
});
