import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrameBytes, FrameDecoder, FrameError } from './frame';

describe('frames', () => {
  it('round-trips header and payloads through arbitrary chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const bytes = encodeFrameBytes({ type: 'result', id: 'r1' }, payloads);
          const dec = new FrameDecoder();
          const frames = [];
          let o = 0;
          let k = 0;
          while (o < bytes.length) {
            const n = cuts[k++ % cuts.length]!;
            frames.push(...dec.push(bytes.subarray(o, o + n)));
            o += n;
          }
          expect(frames).toHaveLength(1);
          expect(frames[0]!.header.type).toBe('result');
          expect(frames[0]!.payloads.map((p) => Array.from(p))).toEqual(payloads.map((p) => Array.from(p)));
          expect(dec.pending).toBe(0);
        },
      ),
    );
  });

  it('decodes back-to-back frames from one chunk', () => {
    const a = encodeFrameBytes({ type: 'phase', phase: 'compiling' });
    const b = encodeFrameBytes({ type: 'phase', phase: 'running' }, [new Uint8Array([9])]);
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const frames = new FrameDecoder().push(both);
    expect(frames.map((f) => f.header.phase)).toEqual(['compiling', 'running']);
    expect(Array.from(frames[1]!.payloads[0]!)).toEqual([9]);
  });

  it('rejects garbage headers with a FrameError', () => {
    const junk = new Uint8Array([3, 0, 0, 0, 0x7b, 0x7b, 0x7b]);
    expect(() => new FrameDecoder().push(junk)).toThrow(FrameError);
    expect(() => new FrameDecoder().push(new Uint8Array([0, 0, 0, 0]))).toThrow(/header length/);
  });
});
