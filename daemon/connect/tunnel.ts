/**
 * Many byte streams over one WebSocket: the tunnel between a web server and a daemon that dialed out
 * to it (`duet daemon --connect`). Each stream carries one plain HTTP/1.1 connection, so the web
 * server talks to a paired daemon with the same daemon client (daemon-client/, through a
 * TunnelAgent) and the daemon answers with its same request handler (daemon/http-handler.ts): one
 * code path for runs, binary outputs and heartbeats included, not a second protocol.
 *
 * Binary WebSocket messages, one per piece (RFC 6455 §5.6 keeps message boundaries):
 *   byte 0      kind: OPEN (web server → daemon), DATA, END (no more bytes from this side), RESET
 *   bytes 1..4  stream id, u32 big-endian (chosen by the opener)
 *   bytes 5..   DATA: the bytes
 * Text messages are the pairing handshake (daemon/connect/handshake.ts), never stream data.
 */
import { Duplex } from 'node:stream';

export const KIND = { OPEN: 1, DATA: 2, END: 3, RESET: 4 } as const;

/** The WebSocket operations the tunnel needs (the `ws` package's WebSocket has them). */
export interface TunnelSocketLike {
  send(data: Uint8Array, cb?: (err?: Error) => void): void;
  pause(): void;
  resume(): void;
  readonly bufferedAmount: number;
}

/** Largest DATA payload in one message: a large output goes as many, so no message is huge. */
export const MAX_PIECE = 256 * 1024;
/** Largest message either side accepts (the `ws` maxPayload option). */
export const MAX_MESSAGE = MAX_PIECE + 5;

/** Past this many bytes waiting in the WebSocket, a stream's writer waits for them to leave. */
const SEND_HIGH_WATER = 1 << 20;

function frame(kind: number, id: number, payload?: Uint8Array): Buffer {
  const head = Buffer.allocUnsafe(5);
  head[0] = kind;
  head.writeUInt32BE(id, 1);
  return payload ? Buffer.concat([head, payload]) : head;
}

/**
 * One stream as a socket for node:http: a Duplex with the socket methods http's client and server
 * call (setTimeout with a real idle timer, since the daemon client's "no answer" limit rests on it).
 */
export class TunnelStream extends Duplex {
  readonly remoteAddress = 'tunnel';
  readonly remotePort = 0;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tunnel: Tunnel,
    readonly id: number,
  ) {
    super({ allowHalfOpen: true });
  }

  /** Bytes from the other side. */
  deliver(bytes: Uint8Array): boolean {
    this.touch();
    return this.push(bytes);
  }

  override _read(): void {
    this.tunnel.streamDrained(this);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.touch();
    for (let at = 0; at + MAX_PIECE < chunk.byteLength; at += MAX_PIECE)
      this.tunnel.sendFrame(KIND.DATA, this.id, chunk.subarray(at, at + MAX_PIECE));
    const last = chunk.byteLength - (((chunk.byteLength - 1) / MAX_PIECE) | 0) * MAX_PIECE;
    this.tunnel.sendFrame(KIND.DATA, this.id, chunk.subarray(chunk.byteLength - last), done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.tunnel.sendFrame(KIND.END, this.id, undefined, done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    this.tunnel.forget(this, true);
    done(err);
  }

  /**
   * As net.Socket's: 0 with a callback removes that callback (node:http's agent takes a finished
   * request's listener off a kept-alive socket that way; adding it instead piled one up per request).
   */
  setTimeout(ms: number, onTimeout?: () => void): this {
    if (onTimeout && ms === 0) this.removeListener('timeout', onTimeout);
    else if (onTimeout) this.once('timeout', onTimeout);
    this.idleMs = ms;
    this.touch();
    return this;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
      this.idleTimer.unref();
    }
  }

  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/**
 * The streams of one WebSocket. The web server side opens them (`open`); the daemon side is told of
 * each through `onOpen`. `close(reason)` ends every stream with that error: a run in flight sees its
 * connection break with a message saying why.
 */
export class Tunnel {
  private readonly streams = new Map<number, TunnelStream>();
  private nextId = 1;
  private closed: Error | null = null;
  /** Streams whose reader is behind: the WebSocket is paused until they catch up. */
  private readonly behind = new Set<TunnelStream>();

  constructor(
    private readonly ws: TunnelSocketLike,
    private readonly onOpen?: (stream: TunnelStream) => void,
  ) {}

  /** A tunnel that is already closed: every stream opened on it breaks at once with `reason`. */
  static closedWith(reason: Error): Tunnel {
    const t = new Tunnel({ send() {}, pause() {}, resume() {}, bufferedAmount: 0 });
    t.close(reason);
    return t;
  }

  get size(): number {
    return this.streams.size;
  }

  /** A new stream to the other side (the web server's end of an HTTP connection). */
  open(): TunnelStream {
    if (this.closed) {
      const gone = new TunnelStream(this, 0);
      const reason = this.closed;
      process.nextTick(() => gone.destroy(reason));
      return gone;
    }
    const id = this.nextId;
    this.nextId = this.nextId >= 0xffffffff ? 1 : this.nextId + 1;
    const stream = new TunnelStream(this, id);
    this.streams.set(id, stream);
    this.sendFrame(KIND.OPEN, id);
    return stream;
  }

  /** A binary WebSocket message from the other side. Malformed ones are ignored, never thrown. */
  receive(message: Uint8Array): void {
    if (message.byteLength < 5 || this.closed) return;
    const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    const kind = bytes[0];
    const id = bytes.readUInt32BE(1);
    let stream = this.streams.get(id);
    if (kind === KIND.OPEN) {
      if (stream || !this.onOpen) {
        this.sendFrame(KIND.RESET, id);
        return;
      }
      stream = new TunnelStream(this, id);
      this.streams.set(id, stream);
      this.onOpen(stream);
      return;
    }
    if (!stream) return;
    if (kind === KIND.DATA) {
      if (!stream.deliver(bytes.subarray(5)) && !this.behind.has(stream)) {
        this.behind.add(stream);
        if (this.behind.size === 1) this.ws.pause();
      }
    } else if (kind === KIND.END) stream.push(null);
    else if (kind === KIND.RESET) {
      this.forget(stream, false);
      const done = stream.readableEnded && stream.writableFinished;
      stream.destroy(done ? undefined : new Error('the other side closed the connection'));
    }
  }

  /** A stream's reader wants more: the WebSocket may flow again once no stream is behind. */
  streamDrained(stream: TunnelStream): void {
    if (this.behind.delete(stream) && this.behind.size === 0) this.ws.resume();
  }

  sendFrame(kind: number, id: number, payload?: Uint8Array, done?: (err?: Error | null) => void): void {
    if (this.closed) {
      done?.(this.closed);
      return;
    }
    const data = frame(kind, id, payload);
    // Below the mark the writer goes on at once; above it, it waits until this piece has left.
    if (!done || this.ws.bufferedAmount < SEND_HIGH_WATER) {
      this.ws.send(data);
      done?.();
    } else this.ws.send(data, (err) => done(err ?? null));
  }

  /** Drops a stream; `tellPeer` resets it on the other side when it was still open there. */
  forget(stream: TunnelStream, tellPeer: boolean): void {
    if (this.streams.get(stream.id) !== stream) return;
    this.streams.delete(stream.id);
    this.streamDrained(stream);
    if (tellPeer && !this.closed) this.sendFrame(KIND.RESET, stream.id);
  }

  /** The WebSocket is gone: every stream breaks with `reason`. */
  close(reason: Error): void {
    if (this.closed) return;
    this.closed = reason;
    const open = [...this.streams.values()];
    this.streams.clear();
    this.behind.clear();
    for (const s of open) s.destroy(reason);
  }
}
