/**
 * One HTTP/1.1 exchange on a plain-HTTP socket of its own, its response body read by hand so that
 * bulk bytes go from the kernel straight into arrays the receiver chose (net.Socket's `onread`:
 * Node decides nothing about where a read lands). node:http reads every body byte into a fresh
 * buffer of its own first; a receiver that wants one array per output then copies each byte again
 * into fresh memory, the second pass that held `duet run`'s download of a 256 MiB output to 0.20×
 * the raw socket rate (bench/download.bench.ts) where keeping node's chunks reached 0.50×.
 *
 * What it reads (RFC 9112): the status line and header fields (§2–5), then a chunked body (§7.1,
 * chunk extensions and trailer fields skipped), a Content-Length body (§6.2) or one that runs to the
 * connection's end (§6.3). It sends `Connection: close`: the socket is never reused. http: only;
 * the daemon client keeps node:https for TLS.
 */
import { connect, type Socket } from 'node:net';
import { TransportError } from './http-request';

/** Where body bytes go once the receiver is ready for them (DirectResponse.stream). */
export interface BodySink {
  /** Where the next body bytes may be written in place, or null (they then come through bytes()). */
  target(): Uint8Array | null;
  /** `n` bytes were written at the start of the last target(). */
  filled(n: number): void;
  /** Body bytes that arrived elsewhere; the view is the receiver's to keep. */
  bytes(b: Uint8Array): void;
  /** The body is complete (`complete`), or the connection ended or broke (`error`) before that. */
  end(error?: Error): void;
}

export interface DirectRequest {
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** How long the socket may sit silent before the answer's header fields are in. */
  noAnswerMs: number;
}

/** Reads that are not in place go here: header fields, chunk framing, small frames. */
const SCRATCH_BYTES = 64 * 1024;
/**
 * Between two chunks only the next chunk's size line is due: a read this small takes it without
 * taking the next chunk's data into scratch (it would be copied from there).
 */
const FRAMING_BYTES = 32;
const MAX_HEAD_BYTES = 64 * 1024;

type State = 'head' | 'size' | 'data' | 'data-end' | 'trailer' | 'length' | 'close' | 'done';

export class DirectResponse {
  statusCode = 0;
  /** Header fields, names in lower case, repeated fields joined with ", ". */
  readonly fields = new Map<string, string>();
  private state: State = 'head';
  private headText = '';
  /** Bytes left in the current chunk ('data') or in the body ('length'). */
  private left = 0;
  private line = '';
  private early: Uint8Array[] = [];
  private sink: BodySink | null = null;
  private ended: Error | null | undefined;
  private inPlace = false;
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  private readonly framing = Buffer.allocUnsafe(FRAMING_BYTES);
  private socket!: Socket;

  /** Sends the request; resolves once the response's header fields are in. */
  static open(url: URL, req: DirectRequest): Promise<DirectResponse> {
    return new DirectResponse().start(url, req);
  }

  get complete(): boolean {
    return this.state === 'done';
  }

  header(name: string): string | undefined {
    return this.fields.get(name.toLowerCase());
  }

  /** Hands the body to `sink`: what has arrived so far at once, the rest as it comes. */
  stream(sink: BodySink): void {
    this.sink = sink;
    for (const b of this.early.splice(0)) sink.bytes(b);
    if (this.ended !== undefined) sink.end(this.ended ?? undefined);
  }

  /** The whole body as text (an error answer's JSON). */
  text(): Promise<string> {
    const parts: Uint8Array[] = [];
    return new Promise((resolve) => {
      this.stream({
        target: () => null,
        filled: () => {},
        bytes: (b) => parts.push(b),
        end: () => resolve(Buffer.concat(parts).toString('utf8')),
      });
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private start(url: URL, req: DirectRequest): Promise<DirectResponse> {
    // What node:http refuses too (ERR_INVALID_CHAR): a CR or LF would start a header of its own.
    const unsafe = [req.path, ...Object.entries(req.headers).flat()].find((v) => /[\r\n\0]/.test(v));
    if (unsafe !== undefined)
      return Promise.reject(new TransportError('a request header holds a line break', 'ERR_INVALID_CHAR'));
    return new Promise((resolve, reject) => {
      let answered = false;
      const fail = (e: TransportError) => {
        if (answered) return;
        answered = true;
        this.socket.destroy();
        reject(e);
      };
      this.socket = connect({
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port || 80),
        noDelay: true,
        onread: {
          buffer: () => this.nextBuffer(),
          callback: (n: number, buf: Uint8Array) => {
            try {
              this.onRead(n, buf);
            } catch (e) {
              this.finish(e as Error);
              fail(new TransportError((e as Error).message, 'EPROTO'));
              this.socket.destroy();
              return false;
            }
            if (!answered && this.state !== 'head') {
              answered = true;
              this.socket.setTimeout(0);
              resolve(this);
            }
            return true;
          },
        },
      });
      const s = this.socket;
      s.setTimeout(req.noAnswerMs, () =>
        fail(
          new TransportError(
            `no answer within ${req.noAnswerMs / 1000} s although the connection was accepted`,
            'ENOANSWER',
          ),
        ),
      );
      s.on('error', (e: NodeJS.ErrnoException) => {
        fail(new TransportError(e.message, e.code ?? 'ERROR'));
        this.finish(e);
      });
      s.on('end', () => {
        if (this.state === 'close') this.state = 'done';
        this.finish(this.complete ? null : new Error('the response ended early'));
        fail(new TransportError('the connection closed before an answer', 'ECONNRESET'));
      });
      s.on('close', () => {
        this.finish(this.complete ? null : new Error('the response ended early'));
        fail(new TransportError('the connection closed before an answer', 'ECONNRESET'));
      });
      const abort = () => {
        s.destroy();
        fail(new TransportError('aborted', 'ABORT_ERR'));
      };
      if (req.signal?.aborted) {
        abort();
        return;
      }
      req.signal?.addEventListener('abort', abort, { once: true });
      s.once('close', () => req.signal?.removeEventListener('abort', abort));
      const body = req.body ?? '';
      const head = [
        `${req.method} ${req.path} HTTP/1.1`,
        `Host: ${url.host}`,
        ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`),
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        '',
        '',
      ].join('\r\n');
      s.write(head + body);
    });
  }

  private finish(error: Error | null): void {
    if (this.ended !== undefined) return;
    this.ended = error;
    this.sink?.end(error ?? undefined);
  }

  /** The buffer the next read lands in: the sink's target while body data is due, else scratch. */
  private nextBuffer(): Uint8Array {
    this.inPlace = false;
    const data = this.state === 'data' || this.state === 'length' || this.state === 'close';
    const t = data ? this.sink?.target() : null;
    if (t && t.byteLength > 0) {
      this.inPlace = true;
      return this.state === 'close' ? t : t.subarray(0, Math.min(t.byteLength, this.left));
    }
    return this.state === 'size' || this.state === 'data-end' ? this.framing : this.scratch;
  }

  private onRead(n: number, buf: Uint8Array): void {
    if (n <= 0) return;
    if (!this.inPlace) {
      this.parse(buf.subarray(0, n));
      return;
    }
    if (this.state !== 'close') this.left -= n;
    if (this.left === 0 && this.state === 'data') this.state = 'data-end';
    else if (this.left === 0 && this.state === 'length') this.state = 'done';
    this.sink!.filled(n);
  }

  /** Bytes read into scratch or framing, through the state machine. */
  private parse(b: Uint8Array): void {
    let at = 0;
    while (at < b.byteLength) {
      switch (this.state) {
        case 'head': {
          const text = Buffer.from(b.buffer, b.byteOffset + at, b.byteLength - at).toString('latin1');
          const before = this.headText.length;
          this.headText += text;
          const end = this.headText.indexOf('\r\n\r\n');
          if (end < 0) {
            if (this.headText.length > MAX_HEAD_BYTES) throw new Error('the response header is too long');
            return;
          }
          at += end + 4 - before;
          this.readHead(this.headText.slice(0, end));
          break;
        }
        case 'size':
        case 'data-end':
        case 'trailer': {
          const nl = b.indexOf(10, at);
          const stop = nl < 0 ? b.byteLength : nl + 1;
          this.line += Buffer.from(b.buffer, b.byteOffset + at, stop - at).toString('latin1');
          at = stop;
          if (nl >= 0) this.endLine(this.line.replace(/\r?\n$/, ''));
          break;
        }
        case 'data':
        case 'length':
        case 'close': {
          const k = this.state === 'close' ? b.byteLength - at : Math.min(this.left, b.byteLength - at);
          this.deliver(b.slice(at, at + k)); // a copy: scratch is read into again
          at += k;
          if (this.state !== 'close') this.left -= k;
          if (this.left === 0 && this.state === 'data') this.state = 'data-end';
          else if (this.left === 0 && this.state === 'length') this.state = 'done';
          break;
        }
        case 'done':
          return; // nothing follows a complete body on a `Connection: close` exchange
      }
    }
  }

  private endLine(line: string): void {
    this.line = '';
    if (line.length > 1024) throw new Error('a chunk line of the response is too long');
    if (this.state === 'data-end') {
      if (line !== '') throw new Error('a chunk of the response does not end with CRLF');
      this.state = 'size';
    } else if (this.state === 'size') {
      const hex = line.split(';')[0]!.trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new Error(`bad chunk size "${hex.slice(0, 20)}"`);
      this.left = Number.parseInt(hex, 16);
      this.state = this.left === 0 ? 'trailer' : 'data';
    } else if (line === '') {
      this.state = 'done';
    }
  }

  private readHead(text: string): void {
    const [status, ...lines] = text.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(status ?? '');
    if (!m) throw new Error('the answer is not HTTP/1.1');
    this.statusCode = Number(m[1]);
    for (const l of lines) {
      const colon = l.indexOf(':');
      if (colon <= 0) continue;
      const name = l.slice(0, colon).trim().toLowerCase();
      const value = l.slice(colon + 1).trim();
      const had = this.fields.get(name);
      this.fields.set(name, had === undefined ? value : `${had}, ${value}`);
    }
    const length = this.fields.get('content-length');
    if (/\bchunked\b/i.test(this.fields.get('transfer-encoding') ?? '')) this.state = 'size';
    else if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) throw new Error(`bad Content-Length "${length.slice(0, 20)}"`);
      this.left = Number(length);
      this.state = this.left === 0 ? 'done' : 'length';
    } else this.state = 'close';
    if (this.state === 'done') this.finish(null);
  }

  private deliver(b: Uint8Array): void {
    if (this.sink) this.sink.bytes(b);
    else this.early.push(b);
  }
}
