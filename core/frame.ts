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

/** A payload to send: one array, or the chunks it arrived in (ChunkedFrameDecoder), sent in order. */
export type OutgoingPayload = Uint8Array | readonly Uint8Array[];

/**
 * A frame's length prefix and header as one buffer, for payloads of the given sizes that follow it
 * (encodeFrame; FrameSink.streamFrame, which forwards them while they arrive).
 */
export function encodeFrameHead(header: FrameHeader, sizes: readonly number[]): Uint8Array {
  const json = encoder.encode(JSON.stringify({ ...header, payloads: sizes }));
  const out = new Uint8Array(4 + json.byteLength);
  new DataView(out.buffer).setUint32(0, json.byteLength, true);
  out.set(json, 4);
  return out;
}

/** The frame's head (encodeFrameHead), then its payloads' bytes as they are (never copied). */
export function encodeFrame(header: FrameHeader, payloads: readonly OutgoingPayload[] = []): Uint8Array[] {
  return [
    encodeFrameHead(header, payloads.map(payloadBytes)),
    ...payloads.flatMap((p) => (p instanceof Uint8Array ? [p] : [...p])),
  ];
}

/** Frames up to this size leave as one buffer: one write, one chunk for the reader. */
export const COALESCE_FRAME_BYTES = 64 * 1024;

/**
 * encodeFrame's parts ready for a stream: a small frame as one buffer (the length prefix, header
 * and a few bytes of payload as three writes cost three syscalls and, over HTTP, three chunks the
 * reader wakes up for); a large one as header then its payloads untouched (bulk bytes never copied).
 */
export function encodeFrameForStream(
  header: FrameHeader,
  payloads: readonly OutgoingPayload[] = [],
): Uint8Array[] {
  const parts = encodeFrame(header, payloads);
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  return total <= COALESCE_FRAME_BYTES ? [concat(parts, total)] : parts;
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
export function encodeFrameBytes(header: FrameHeader, payloads: readonly OutgoingPayload[] = []): Uint8Array {
  const parts = encodeFrame(header, payloads);
  return concat(
    parts,
    parts.reduce((n, p) => n + p.byteLength, 0),
  );
}

export class FrameError extends Error {}

/**
 * Incremental decoder: push chunks as they arrive, take complete frames out. Header bytes queue up
 * until the header is complete; payload bytes go straight from each incoming chunk to the payload
 * being assembled (no re-buffering, no O(n) queue operations per chunk). How a payload is assembled
 * is the subclass's: FrameDecoder copies it into one array of its own, ChunkedFrameDecoder keeps the
 * received chunks as they are.
 */
abstract class PayloadDecoder<P> {
  /** Queued bytes not yet consumed: chunks[head…]. */
  private chunks: Uint8Array[] = [];
  private head = 0;
  private buffered = 0;
  private headerBytes = 0;
  private header: FrameHeader | null = null;
  private sizes: number[] = [];
  private payloads: P[] = [];
  /** Payload being filled and how many of its bytes have arrived. */
  private filling = 0;
  private filled = 0;
  private current: P | null = null;

  /** `maxPayloadBytes` bounds what a header may announce before any buffer is allocated for it. */
  constructor(private readonly maxPayloadBytes = 2 ** 32) {}

  /** A payload of `size` bytes begins (size > 0). */
  protected abstract begin(size: number): P;
  /** `bytes` (a view into a pushed chunk) are the payload's next bytes, starting at `at`. */
  protected abstract append(p: P, bytes: Uint8Array, at: number): void;
  protected abstract empty(): P;
  /** For a payload that is one array (FrameDecoder): its bytes from `at` on, to be written in place. */
  protected view(_p: P, _at: number): Uint8Array | null {
    return null;
  }
  /** A frame's header has been read; its payloads (if any) follow. */
  protected headerRead(_header: FrameHeader): void {}
  /** A frame is complete (before push() returns it, in order with headerRead and the payloads). */
  protected frameRead(_frame: { header: FrameHeader; payloads: P[] }): void {}

  push(chunk: Uint8Array): { header: FrameHeader; payloads: P[] }[] {
    const out: { header: FrameHeader; payloads: P[] }[] = [];
    let rest = chunk;
    for (;;) {
      if (this.header) {
        this.drainQueue();
        if (this.head === this.chunks.length && rest.byteLength) rest = rest.subarray(this.fill(rest));
        if (this.filling < this.sizes.length) {
          if (rest.byteLength) this.enqueue(rest); // only while older queued bytes are still draining
          break;
        }
        const frame = this.finishFrame();
        this.frameRead(frame);
        out.push(frame);
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

  /**
   * Where the next bytes may be written in place: the rest of the payload being filled, when the
   * next bytes belong to it (its frame's header read, nothing queued). A receiver that reads into
   * it calls filledInPlace(n) after; null when the next bytes must come through push().
   */
  inPlaceTarget(): Uint8Array | null {
    if (!this.header || this.head !== this.chunks.length) return null;
    this.skipEmptyPayloads();
    if (this.filling >= this.sizes.length) return null;
    this.current ??= this.begin(this.sizes[this.filling]!);
    return this.view(this.current, this.filled);
  }

  /** `n` bytes were written at the start of inPlaceTarget(): the frames they complete. */
  filledInPlace(n: number): { header: FrameHeader; payloads: P[] }[] {
    const size = this.sizes[this.filling]!;
    this.filled += n;
    if (this.filled < size) return [];
    this.payloads.push(this.current!);
    this.current = null;
    this.filling++;
    this.filled = 0;
    return this.push(new Uint8Array(0)); // finishes the frame when that was its last payload
  }

  /** Bytes received but not yet part of a complete frame (a truncated stream leaves these). */
  get pending(): number {
    const inPayloads = this.sizes.slice(0, this.filling).reduce((n, s) => n + s, 0) + this.filled;
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
      this.payloads.push(this.empty());
      this.filling++;
    }
  }

  /** Hands bytes from `src` to the payloads being filled; returns how many bytes it used. */
  private fill(src: Uint8Array): number {
    let used = 0;
    this.skipEmptyPayloads();
    while (this.filling < this.sizes.length && used < src.byteLength) {
      const size = this.sizes[this.filling]!;
      this.current ??= this.begin(size);
      const k = Math.min(size - this.filled, src.byteLength - used);
      this.append(this.current!, src.subarray(used, used + k), this.filled);
      used += k;
      this.filled += k;
      if (this.filled === size) {
        this.payloads.push(this.current!);
        this.current = null;
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

  private finishFrame(): { header: FrameHeader; payloads: P[] } {
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
    this.headerRead(this.header);
    return true;
  }
}

/** Decodes frames whose payloads each arrive as one array of their own (the client's outputs). */
export class FrameDecoder extends PayloadDecoder<Uint8Array> {
  protected begin(size: number): Uint8Array {
    return new Uint8Array(size);
  }
  protected append(p: Uint8Array, bytes: Uint8Array, at: number): void {
    p.set(bytes, at);
  }
  protected empty(): Uint8Array {
    return new Uint8Array(0);
  }
  protected override view(p: Uint8Array, at: number): Uint8Array {
    return p.subarray(at);
  }
  override push(chunk: Uint8Array): Frame[] {
    return super.push(chunk);
  }
  override filledInPlace(n: number): Frame[] {
    return super.filledInPlace(n);
  }
}

/** A frame whose payloads are kept as the chunks they arrived in (views, not copies). */
export interface ChunkedFrame {
  header: FrameHeader;
  payloads: Uint8Array[][];
}

/**
 * Sees a frame while it arrives: its header as soon as it is read, then every piece of its payloads
 * in order (the same views the finished frame will hold). The daemon forwards a large result to its
 * caller this way while the rest is still coming from the executor.
 */
export interface FrameObserver {
  header(header: FrameHeader): void;
  bytes(piece: Uint8Array): void;
  /**
   * The frame is complete. Called in stream order with header() and bytes(): a frame that ends in
   * the same pushed chunk as the next one begins is seen before that one's header.
   */
  frame?(frame: ChunkedFrame): void;
}

/**
 * Decodes frames without copying payload bytes: each payload is the list of views into the pushed
 * chunks that hold it. The daemon forwards an executor's outputs this way: a 256 MiB output is never
 * copied into a buffer of the daemon's own (on the 2-core VM, writing 256 MiB into fresh memory costs
 * about a second of page faults), and the chunks' memory is recycled from one run to the next.
 * Chunks pushed must not be modified afterwards (node's stream chunks are not).
 */
export class ChunkedFrameDecoder extends PayloadDecoder<Uint8Array[]> {
  constructor(private readonly observer?: FrameObserver) {
    super();
  }
  protected override headerRead(header: FrameHeader): void {
    this.observer?.header(header);
  }
  protected override frameRead(frame: ChunkedFrame): void {
    this.observer?.frame?.(frame);
  }
  protected begin(): Uint8Array[] {
    return [];
  }
  protected append(p: Uint8Array[], bytes: Uint8Array): void {
    p.push(bytes);
    this.observer?.bytes(bytes);
  }
  protected empty(): Uint8Array[] {
    return [];
  }
  override push(chunk: Uint8Array): ChunkedFrame[] {
    return super.push(chunk);
  }
}

/** Total bytes of a payload given as one array or as chunks. */
export function payloadBytes(p: Uint8Array | readonly Uint8Array[]): number {
  return p instanceof Uint8Array ? p.byteLength : p.reduce((n, c) => n + c.byteLength, 0);
}
