import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChunkedFrameDecoder,
  encodeFrameBytes,
  encodeFrameForStream,
  FrameDecoder,
  FrameError,
  payloadBytes,
} from './frame';

describe('frames', () => {
  it('lets a receiver write payload bytes in place, mixed with pushed bytes, cut anywhere (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          // Two frames back to back: the second's header must come through push() again.
          const bytes = Buffer.concat([
            encodeFrameBytes({ type: 'result', id: 'a' }, payloads),
            encodeFrameBytes({ type: 'result', id: 'b' }, payloads),
          ]);
          const dec = new FrameDecoder();
          const frames = [];
          let o = 0;
          let k = 0;
          while (o < bytes.length) {
            const n = Math.min(cuts[k++ % cuts.length]!, bytes.length - o);
            const target = dec.inPlaceTarget();
            if (target && target.byteLength > 0) {
              // As a socket read would: at most what the payload still needs.
              const m = Math.min(n, target.byteLength);
              target.set(bytes.subarray(o, o + m));
              frames.push(...dec.filledInPlace(m));
              o += m;
            } else {
              frames.push(...dec.push(bytes.subarray(o, o + n)));
              o += n;
            }
          }
          expect(frames.map((f) => f.header.id)).toEqual(['a', 'b']);
          for (const f of frames)
            expect(f.payloads.map((p) => Array.from(p))).toEqual(payloads.map((p) => Array.from(p)));
          expect(dec.pending).toBe(0);
        },
      ),
    );
  });
  it('offers no in-place target before a header, or to the chunked decoder', () => {
    expect(new FrameDecoder().inPlaceTarget()).toBeNull();
    const chunked = new ChunkedFrameDecoder();
    const frame = encodeFrameBytes({ type: 'result' }, [new Uint8Array(8)]);
    chunked.push(frame.subarray(0, frame.length - 4)); // the header and half the payload
    expect(chunked.pending).toBeGreaterThan(0);
    expect(chunked.inPlaceTarget()).toBeNull();
    const copying = new FrameDecoder();
    copying.push(frame.subarray(0, frame.length - 4));
    expect(copying.inPlaceTarget()?.byteLength).toBe(4);
  });
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

  it('decodes many frames with payloads, cut anywhere, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 3 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (frames, cuts) => {
          const parts = frames.map((p, i) => encodeFrameBytes({ type: 'f', i }, p));
          const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let o = 0;
          for (const p of parts) {
            all.set(p, o);
            o += p.length;
          }
          const dec = new FrameDecoder();
          const got = [];
          o = 0;
          for (let k = 0; o < all.length; k++) {
            const n = cuts[k % cuts.length]!;
            got.push(...dec.push(all.subarray(o, o + n)));
            o += n;
          }
          expect(got.map((f) => f.header.i)).toEqual(frames.map((_, i) => i));
          expect(got.map((f) => f.payloads.map((p) => Array.from(p)))).toEqual(
            frames.map((ps) => ps.map((p) => Array.from(p))),
          );
          expect(dec.pending).toBe(0);
        },
      ),
    );
  });

  it('keeps payloads as views of the pushed chunks (ChunkedFrameDecoder), whatever the cuts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const bytes = encodeFrameBytes({ type: 'result', id: 'r1' }, payloads);
          const dec = new ChunkedFrameDecoder();
          const frames = [];
          const pushed = new Set<ArrayBufferLike>();
          let o = 0;
          let k = 0;
          while (o < bytes.length) {
            const n = cuts[k++ % cuts.length]!;
            const chunk = bytes.slice(o, o + n); // a buffer of its own, as a stream's chunks are
            pushed.add(chunk.buffer);
            frames.push(...dec.push(chunk));
            o += n;
          }
          expect(frames).toHaveLength(1);
          const got = frames[0]!.payloads;
          expect(got.map((chunks) => chunks.flatMap((c) => Array.from(c)))).toEqual(
            payloads.map((p) => Array.from(p)),
          );
          // Not copied: every piece is a view into a chunk that was pushed.
          for (const c of got.flat()) expect(pushed.has(c.buffer)).toBe(true);
          expect(got.map(payloadBytes)).toEqual(payloads.map((p) => p.byteLength));
          // Re-encoding the chunks gives the same frame back.
          const again = new FrameDecoder().push(encodeFrameBytes(frames[0]!.header, got));
          expect(again[0]!.payloads.map((p) => Array.from(p))).toEqual(payloads.map((p) => Array.from(p)));
          expect(dec.pending).toBe(0);
        },
      ),
    );
  });

  it('shows a frame while it arrives: header, every payload byte, completion, in stream order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        // Cuts from a byte to several frames at once: frames that end and begin in one chunk.
        fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 20 }),
        (frames, cuts) => {
          const bytes = concatAll(frames.map((ps, i) => encodeFrameBytes({ type: 'result', i }, ps)));
          const seen: { i: unknown; bytes: number[] }[] = [];
          const completed: unknown[] = [];
          const returned: unknown[] = [];
          const dec = new ChunkedFrameDecoder({
            header: (h) => {
              // A header is seen after every frame before it completed.
              expect(completed).toHaveLength(seen.length);
              seen.push({ i: h.i, bytes: [] });
            },
            bytes: (piece) => seen.at(-1)!.bytes.push(...piece),
            frame: (f) => {
              expect(f.header.i).toBe(seen.at(-1)!.i);
              completed.push(f.header.i);
            },
          });
          let o = 0;
          let k = 0;
          while (o < bytes.length) {
            const n = cuts[k++ % cuts.length]!;
            for (const f of dec.push(bytes.slice(o, o + n))) returned.push(f.header.i);
            o += n;
          }
          expect(seen.map((s) => s.i)).toEqual(frames.map((_, i) => i));
          expect(seen.map((s) => s.bytes)).toEqual(frames.map((ps) => ps.flatMap((p) => Array.from(p))));
          expect(completed).toEqual(returned);
        },
      ),
    );
  });

  it('sends a small frame as one buffer and a large one as header then its payload chunks', () => {
    expect(encodeFrameForStream({ type: 'phase' }, [new Uint8Array(10)])).toHaveLength(1);
    const big = [new Uint8Array(70_000), new Uint8Array(5)];
    const parts = encodeFrameForStream({ type: 'result' }, [big]);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toBe(big[0]);
    expect(parts[2]).toBe(big[1]);
  });

  it('counts the bytes of a truncated frame as pending', () => {
    const bytes = encodeFrameBytes({ type: 'result' }, [new Uint8Array(100)]);
    const dec = new FrameDecoder();
    expect(dec.push(bytes.subarray(0, bytes.length - 10))).toEqual([]);
    expect(dec.pending).toBe(bytes.length - 10);
  });

  it('refuses a header announcing more payload bytes than allowed, before allocating', () => {
    const bytes = encodeFrameBytes({ type: 'result' }, [new Uint8Array(64)]);
    expect(() => new FrameDecoder(32).push(bytes)).toThrow(/more than the 32 allowed/);
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

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
