/** The shared-run record: image-output thumbnails are checked for size, and the summary says a run has one. */
import { describe, expect, it } from 'vitest';
import { headlineOf } from '../../core/speed-headline';
import { runThumbnail, shareInputSchema, summaryOf, THUMBNAIL_MAX } from './record';
import { sampleRun } from './testkit/fixture';

const rgba = (w: number, h: number) => Buffer.alloc(w * h * 4, 7).toString('base64');

describe('output thumbnails in a shared run', () => {
  it('keeps a thumbnail whose pixels match its size, and the summary marks the run as having an image', () => {
    const raw = sampleRun(1);
    raw.remote.outputs[0] = {
      ...raw.remote.outputs[0]!,
      thumbnail: { width: 3, height: 2, rgba: rgba(3, 2) },
    };
    const run = {
      ...shareInputSchema.parse(raw),
      v: 1 as const,
      id: 'x',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(runThumbnail(run)).toEqual({ width: 3, height: 2, rgba: rgba(3, 2) });
    expect(summaryOf(run).image).toBe(true);
    const plain = {
      ...shareInputSchema.parse(sampleRun(2)),
      v: 1 as const,
      id: 'y',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(summaryOf(plain)).not.toHaveProperty('image');
  });

  it('refuses a thumbnail whose bytes do not match its size, or one over the cap', () => {
    const raw = sampleRun(1);
    raw.remote.outputs[0] = {
      ...raw.remote.outputs[0]!,
      thumbnail: { width: 4, height: 2, rgba: rgba(3, 2) },
    };
    const r = shareInputSchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('remote.outputs.0.thumbnail.rgba');
    raw.remote.outputs[0]!.thumbnail = {
      width: THUMBNAIL_MAX + 1,
      height: 1,
      rgba: rgba(THUMBNAIL_MAX + 1, 1),
    };
    expect(shareInputSchema.safeParse(raw).success).toBe(false);
  });
});

describe('the summary /recent lists', () => {
  it('stores which side was faster warm and end to end, and by how much', () => {
    const raw = sampleRun(3);
    const run = {
      ...shareInputSchema.parse(raw),
      v: 1 as const,
      id: 'h',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const h = headlineOf(run.local.timings, run.remote.timings);
    // The browser's warm total (1.42 ms) beats the remote's (kernel 4.5 ms alone).
    expect(h.faster).toBe('local');
    expect(summaryOf(run).headline).toEqual({ faster: h.faster, ratio: h.ratio });
  });
});
