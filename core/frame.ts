/**
 * Duet frames: the one binary framing used between daemon and executor (stdin/stdout) and from the
 * daemon to its HTTP clients (streamed response body). Bulk bytes never go through JSON.
 *
 *   u32 LE  header length H
 *   H bytes header: UTF-8 JSON object; `payloads` lists the byte length of each payload that follows
 *   payload 0, payload 1, … (raw bytes, concatenated)
 *
 * The C++ executor implements the same layout (daemon/executor/src/frame.*).
 */
export interface FrameHeader {
  type: string;
  payloads?: number[];
  [key: string]: unknown;
}

export interface Frame<H extends FrameHeader = FrameHeader> {
  header: H;
  payloads: Uint8Array[];
}

/** Largest header we accept: headers carry metadata and generated source, never bulk data. */
export const MAX_HEADER_BYTES = 64 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeFrame(header: FrameHeader, payloads: Uint8Array[] = []): Uint8Array[] {
  const json = encoder.encode(JSON.stringify({ ...header, payloads: payloads.map((p) => p.byteLength) }));
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, json.byteLength, true);
  return [prefix, json, ...payloads];
}

/** Concatenates encodeFrame's parts; for small frames and tests. */
export function encodeFrameBytes(header: FrameHeader, payloads: Uint8Array[] = []): Uint8Array {
  const parts = encodeFrame(header, payloads);
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

export class FrameError extends Error {}

/**
 * Incremental decoder: push chunks as they arrive, take complete frames out. Payloads are copied
 * out of the chunk list once, straight into their own buffers.
 */
export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private header: FrameHeader | null = null;
  private headerBytes = 0;

  push(chunk: Uint8Array): Frame[] {
    if (chunk.byteLength) {
      this.chunks.push(chunk);
      this.buffered += chunk.byteLength;
    }
    const out: Frame[] = [];
    for (;;) {
      const f = this.tryFrame();
      if (!f) break;
      out.push(f);
    }
    return out;
  }

  /** Bytes received but not yet part of a complete frame (a truncated stream leaves these). */
  get pending(): number {
    return this.buffered;
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.byteLength, n - o);
      out.set(c.subarray(0, k), o);
      o += k;
      if (k === c.byteLength) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }

  private tryFrame(): Frame | null {
    if (!this.header) {
      if (this.buffered < 4) return null;
      if (!this.headerBytes) {
        const p = this.take(4);
        this.headerBytes = new DataView(p.buffer).getUint32(0, true);
        if (this.headerBytes === 0 || this.headerBytes > MAX_HEADER_BYTES) {
          throw new FrameError(`bad frame header length ${this.headerBytes}`);
        }
      }
      if (this.buffered < this.headerBytes) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(decoder.decode(this.take(this.headerBytes)));
      } catch (e) {
        throw new FrameError(`frame header is not JSON: ${(e as Error).message}`);
      }
      if (!parsed || typeof parsed !== 'object' || typeof (parsed as FrameHeader).type !== 'string') {
        throw new FrameError('frame header lacks a string "type"');
      }
      const sizes = (parsed as FrameHeader).payloads ?? [];
      if (!Array.isArray(sizes) || sizes.some((s) => !Number.isSafeInteger(s) || s < 0)) {
        throw new FrameError('frame header "payloads" must be a list of byte lengths');
      }
      this.header = parsed as FrameHeader;
    }
    const sizes = this.header.payloads ?? [];
    const need = sizes.reduce((a, b) => a + b, 0);
    if (this.buffered < need) return null;
    const payloads = sizes.map((s) => this.take(s));
    const frame = { header: this.header, payloads };
    this.header = null;
    this.headerBytes = 0;
    return frame;
  }
}
