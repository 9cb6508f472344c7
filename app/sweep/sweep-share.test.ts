import { describe, expect, it } from 'vitest';
import { LINKS } from '../../core/links';
import type { PagePreset } from '../../server/presets';
import type { SweepPoint } from './sweep-point';
import { buildSweepInput, pointOf } from './sweep-share';
import type { SweepRequest } from './useSweep';

const preset = {
  id: 'saxpy',
  title: 'SAXPY',
  params: { N: { description: 'elements', min: 1, max: 2 ** 26, default: 1024, unit: 'elements' } },
} as unknown as PagePreset;

const points: SweepPoint[] = [
  {
    value: 1024,
    bytesUp: 8192,
    bytesDown: 4096,
    local: {
      status: 'done',
      backend: 'webgpu',
      device: { name: 'SwiftShader', hostname: 'alice' } as never,
      phases: { uploadMs: 1, kernelMs: 2, downloadMs: 3 },
    },
    remote: {
      status: 'done',
      backend: 'cpu',
      device: { name: 'CPU emulation', emulation: true },
      phases: { uploadMs: 0.5, kernelMs: 1, downloadMs: 0.5, transportMs: 2 },
      daemon: { index: 1, url: 'http://10.0.0.7:7070' },
    },
  },
];
const req: SweepRequest = { preset, param: 'N', values: [1024], base: { N: 1024 }, daemon: 'auto' };

describe('buildSweepInput / pointOf', () => {
  it('keeps the points and the link model, drops the daemon URL and unlisted device fields', () => {
    const built = buildSweepInput(req, points, LINKS, {
      userAgent: 'Mozilla/5.0 Chrome/140.0 Safari/537.36',
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input).toMatchObject({
      preset: { id: 'saxpy', name: 'SAXPY' },
      param: 'N',
      unit: 'elements',
      daemon: 'auto',
      environment: { browser: { family: 'Chrome', version: '140' } },
    });
    expect(built.input.links).toHaveLength(LINKS.length);
    expect(JSON.stringify(built.input)).not.toContain('10.0.0.7');
    expect(JSON.stringify(built.input)).not.toContain('alice');
    const back = pointOf(built.input.points[0]!);
    expect(back.remote).toMatchObject({
      status: 'done',
      daemon: { index: 1 },
      phases: points[0]!.remote.status === 'done' ? points[0]!.remote.phases : {},
    });
    expect(back.local.status === 'done' && back.local.phases).toEqual({
      uploadMs: 1,
      kernelMs: 2,
      downloadMs: 3,
    });
  });

  it('says why when there is nothing to share', () => {
    expect(buildSweepInput(req, [], LINKS, {})).toEqual({
      ok: false,
      reason: 'Run a sweep first: there are no points to share.',
    });
  });
});
