/**
 * The part of an executor output the caller receives (core/run-plan.ts PlannedOutput offset/bytes:
 * a storage texture's texels without its 32-byte header, docs/contracts.md §3). Outputs arrive as
 * chunks, and large results are forwarded while they arrive; both paths keep subarrays of the
 * executor's bytes, never copies.
 */

export interface OutputWindow {
  offset?: number | undefined;
  bytes?: number | undefined;
}

/** [start, end) of `w` inside an output of `size` bytes (clamped to what the executor returned). */
export function windowRange(w: OutputWindow, size: number): [number, number] {
  const start = Math.min(size, w.offset ?? 0);
  const end = w.bytes === undefined ? size : Math.min(size, start + w.bytes);
  return [start, end];
}

/** The window of an output held as chunks, as subarrays of those chunks. */
export function windowChunks(chunks: readonly Uint8Array[], w: OutputWindow): Uint8Array[] {
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  const [start, end] = windowRange(w, size);
  if (start === 0 && end === size) return [...chunks];
  const out: Uint8Array[] = [];
  let at = 0;
  for (const c of chunks) {
    const lo = Math.max(start, at);
    const hi = Math.min(end, at + c.byteLength);
    if (lo < hi) out.push(c.subarray(lo - at, hi - at));
    at += c.byteLength;
  }
  return out;
}

/**
 * For a result streamed piece by piece (outputs of `sizes` bytes, back to back): a push that passes
 * on only each output's window, and the windowed sizes to announce.
 */
export function windowedStream(
  sizes: readonly number[],
  windows: readonly OutputWindow[],
  push: (piece: Uint8Array) => void,
): { sizes: number[]; push: (piece: Uint8Array) => void } {
  const kept: [number, number][] = [];
  let base = 0;
  sizes.forEach((size, k) => {
    const [start, end] = windowRange(windows[k] ?? {}, size);
    kept.push([base + start, base + end]);
    base += size;
  });
  let at = 0;
  return {
    sizes: kept.map(([s, e]) => e - s),
    push: (piece) => {
      const pieceEnd = at + piece.byteLength;
      for (const [s, e] of kept) {
        const lo = Math.max(s, at);
        const hi = Math.min(e, pieceEnd);
        if (lo < hi) push(piece.subarray(lo - at, hi - at));
      }
      at = pieceEnd;
    },
  };
}
