import { describe, expect, it } from 'vitest';
import { THUMBNAIL_MAX } from '../../server/share/record';
import { base64ToBytes } from '../gpu/base64';
import { thumbnailOf } from './thumbnail';

describe('thumbnailOf', () => {
  it('keeps a small image as it is', () => {
    const rgba = Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => i);
    const t = thumbnailOf(rgba, 4, 4);
    expect([t.width, t.height]).toEqual([4, 4]);
    expect([...base64ToBytes(t.rgba)]).toEqual([...rgba]);
  });

  it('scales a large image down to the cap, keeping its aspect and picking whole source pixels', () => {
    const w = 256;
    const h = 128;
    const rgba = new Uint8Array(w * h * 4);
    // Left half red, right half blue.
    for (let i = 0; i < w * h; i++) rgba.set(i % w < w / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
    const t = thumbnailOf(rgba, w, h);
    expect([t.width, t.height]).toEqual([THUMBNAIL_MAX, THUMBNAIL_MAX / 2]);
    const px = base64ToBytes(t.rgba);
    expect([...px.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...px.subarray((t.width - 1) * 4, t.width * 4)]).toEqual([0, 0, 255, 255]);
  });
});
