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

/** Frames up to this size leave as one buffer: one write, one chunk for the reader. */
export const COALESCE_FRAME_BYTES = 64 * 1024;

/**
 * encodeFrame's parts ready for a stream: a small frame as one buffer (the length prefix, header
 * and a few bytes of payload as three writes cost three syscalls and, over HTTP, three chunks the
 * reader wakes up for); a large one as header then its payloads untouched (bulk bytes never copied).
 */
export function encodeFrameForStream(header: FrameHeader, payloads: Uint8Array[] = []): Uint8Array[] {
  const parts = encodeFrame(header, payloads);
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  if (total <= COALESCE_FRAME_BYTES) return [concat(parts, total)];
  return [concat(parts.slice(0, 2), parts[0]!.byteLength + parts[1]!.byteLength), ...payloads];
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

/** Concatenates encodeFrame's parts; for small frames and tests. */
export function encodeFrameBytes(header: FrameHeader, payloads: Uint8Array[] = []): Uint8Array {
  const parts = encodeFrame(header, payloads);
  return concat(
    parts,
    parts.reduce((n, p) => n + p.byteLength, 0),
  );
}

export class FrameError extends Error {}

/**
 * Incremental decoder: push chunks as they arrive, take complete frames out. Header bytes queue up
 * until the header is complete; payload bytes are copied once, straight from each incoming chunk into
 * their own buffers (a 256 MiB output crosses this decoder twice on its way to a client, so no
 * re-buffering and no O(n) queue operations per chunk).
 */
export class FrameDecoder {
  /** Queued bytes not yet consumed: chunks[head…]. */
  private chunks: Uint8Array[] = [];
  private head = 0;
  private buffered = 0;
  private headerBytes = 0;
  private header: FrameHeader | null = null;
  private sizes: number[] = [];
  private payloads: Uint8Array[] = [];
  /** Payload being filled and how many of its bytes have arrived. */
  private filling = 0;
  private filled = 0;

  /** `maxPayloadBytes` bounds what a header may announce before any buffer is allocated for it. */
  constructor(private readonly maxPayloadBytes = 2 ** 32) {}

  push(chunk: Uint8Array): Frame[] {
    const out: Frame[] = [];
    let rest = chunk;
    for (;;) {
      if (this.header) {
        this.drainQueue();
        if (this.head === this.chunks.length && rest.byteLength) rest = rest.subarray(this.fill(rest));
        if (this.filling < this.sizes.length) {
          if (rest.byteLength) this.enqueue(rest); // only while older queued bytes are still draining
          break;
        }
        out.push(this.finishFrame());
        continue;
      }
      if (rest.byteLength) {
        this.enqueue(rest);
        rest = rest.subarray(rest.byteLength);
      }
      if (!this.tryHeader()) break;
    }
    return out;
  }

  /** Bytes received but not yet part of a complete frame (a truncated stream leaves these). */
  get pending(): number {
    const inPayloads =
      this.payloads.reduce((n, p, i) => n + (i < this.filling ? p.byteLength : 0), 0) + this.filled;
    return this.buffered + inPayloads + (this.headerBytes ? 4 : 0) + (this.header ? this.headerBytes : 0);
  }

  private enqueue(c: Uint8Array): void {
    this.chunks.push(c);
    this.buffered += c.byteLength;
  }

  /** Copies n queued bytes out (header prefix and JSON only: small). */
  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const c = this.chunks[this.head]!;
      const k = Math.min(c.byteLength, n - o);
      out.set(c.subarray(0, k), o);
      o += k;
      if (k === c.byteLength) this.head++;
      else this.chunks[this.head] = c.subarray(k);
    }
    this.buffered -= n;
    this.compact();
    return out;
  }

  private compact(): void {
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    } else if (this.head > 1024) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  private skipEmptyPayloads(): void {
    while (this.filling < this.sizes.length && this.sizes[this.filling] === 0) {
      this.payloads.push(new Uint8Array(0));
      this.filling++;
    }
  }

  /** Copies from `src` into the payloads being filled; returns how many bytes it used. */
  private fill(src: Uint8Array): number {
    let used = 0;
    this.skipEmptyPayloads();
    while (this.filling < this.sizes.length && used < src.byteLength) {
      const size = this.sizes[this.filling]!;
      if (this.filled === 0) this.payloads.push(new Uint8Array(size));
      const k = Math.min(size - this.filled, src.byteLength - used);
      this.payloads[this.filling]!.set(src.subarray(used, used + k), this.filled);
      used += k;
      this.filled += k;
      if (this.filled === size) {
        this.filling++;
        this.filled = 0;
        this.skipEmptyPayloads();
      }
    }
    return used;
  }

  /** Moves queued bytes (those that arrived with or before the header) into the payloads. */
  private drainQueue(): void {
    this.skipEmptyPayloads();
    while (this.head < this.chunks.length && this.filling < this.sizes.length) {
      const c = this.chunks[this.head]!;
      const used = this.fill(c);
      this.buffered -= used;
      if (used === c.byteLength) this.head++;
      else this.chunks[this.head] = c.subarray(used);
    }
    this.compact();
  }

  private finishFrame(): Frame {
    const frame = { header: this.header!, payloads: this.payloads };
    this.header = null;
    this.headerBytes = 0;
    this.sizes = [];
    this.payloads = [];
    this.filling = 0;
    this.filled = 0;
    return frame;
  }

  private tryHeader(): boolean {
    if (!this.headerBytes) {
      if (this.buffered < 4) return false;
      const p = this.take(4);
      this.headerBytes = new DataView(p.buffer).getUint32(0, true);
      if (this.headerBytes === 0 || this.headerBytes > MAX_HEADER_BYTES) {
        throw new FrameError(`bad frame header length ${this.headerBytes}`);
      }
    }
    if (this.buffered < this.headerBytes) return false;
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
    const total = sizes.reduce((a: number, b: number) => a + b, 0);
    if (total > this.maxPayloadBytes) {
      throw new FrameError(
        `frame announces ${total} payload bytes, more than the ${this.maxPayloadBytes} allowed`,
      );
    }
    this.header = parsed as FrameHeader;
    this.sizes = sizes;
    return true;
  }
}
