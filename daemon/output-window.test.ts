import { describe, expect, it } from 'vitest';
import { windowChunks, windowedStream } from './output-window';

const bytes = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => from + i);

describe('output windows', () => {
  it('cuts a storage texture output out of its chunks without copying', () => {
    const chunks = [bytes(0, 5), bytes(5, 5), bytes(10, 5)];
    const part = windowChunks(chunks, { offset: 3, bytes: 9 });
    expect(part.flatMap((c) => [...c])).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(part[0]!.buffer).toBe(chunks[0]!.buffer); // a view of the executor's bytes
    expect(windowChunks(chunks, {})).toEqual(chunks);
    // A short output keeps what there is (a broken executor must not make the daemon read past it).
    expect(windowChunks([bytes(0, 4)], { offset: 2, bytes: 10 }).flatMap((c) => [...c])).toEqual([2, 3]);
  });

  it('passes on only each window of a result streamed in arbitrary pieces', () => {
    // Two outputs back to back: a 40-byte texture slot (32-byte header + 8 texel bytes) and a buffer.
    const sizes = [40, 6];
    const got: number[] = [];
    const w = windowedStream(sizes, [{ offset: 32, bytes: 8 }, {}], (p) => got.push(...p));
    expect(w.sizes).toEqual([8, 6]);
    const all = bytes(0, 46);
    for (const [a, b] of [
      [0, 7],
      [7, 33],
      [33, 41],
      [41, 46],
    ] as const)
      w.push(all.subarray(a, b));
    expect(got).toEqual([...bytes(32, 8), ...bytes(40, 6)]);
  });
});
