/**
 * Daemon client (contracts §7), used by the web server and the CLI: HTTP (daemon/http-request.ts) +
 * the Duet frame stream.
 * Every failure becomes a DaemonError whose `kind` says what went wrong and whose message a person
 * can act on; `hint` says how to fix it where there is a fix.
 */
import type { IncomingMessage } from 'node:http';
import type { Diagnostic } from '../core/diagnostics';
import type { DaemonErrorKind } from '../core/errors';
import { ChunkedFrameDecoder, FrameDecoder, type FrameHeader } from '../core/frame';
import { namedRecord } from '../core/named';
import type { RunEvent } from '../core/progress';
import { CLIENT_ID_HEADER, FRAMES_CONTENT_TYPE, HEARTBEAT_MS, STREAM_SILENCE_MS } from '../core/protocol';
import { type DeviceInfo, type KernelTimer, type SideResult, stats, type Timings } from '../core/result';
import type { SandboxWalls } from '../core/sandbox';
import {
  type Binding,
  ELEMENT_BYTES,
  type Workload,
  type WorkloadInput,
  type WorkloadIssue,
} from '../core/workload';
import { DirectResponse } from './direct-response';
import {
  header,
  NO_ANSWER_MS,
  readText,
  sendRequest,
  TransportError,
  type TransportTarget,
} from './http-request';

export interface DaemonTarget {
  url: string;
  token: string;
  /** PEM CA certificate(s) trusted for this daemon's TLS certificate (a self-signed LAN daemon). */
  ca?: string;
  /** A paired daemon's tunnel (daemon/http-request.ts TransportTarget.agent). */
  agent?: TransportTarget['agent'];
  /** How long to wait on a silent connection for an answer to begin (default NO_ANSWER_MS, 60 s). */
  noAnswerMs?: number;
  /** How long a run's stream may stay silent once it has begun (default STREAM_SILENCE_MS, 45 s). */
  streamSilenceMs?: number;
}

export interface DaemonInfo {
  version: string;
  backend: 'cuda' | 'cpu' | null;
  device: DeviceInfo | null;
  limits: Record<string, number>;
  queue: { length: number; running: number };
  executor: { state: string; lastError?: string; [k: string]: unknown };
  /**
   * Which walls of the executor's OS sandbox are up; null before an executor was ever ready
   * (absent from daemons older than wall 3).
   */
  sandbox?: SandboxWalls | null;
  /** Whether the daemon refuses to run without every wall (duet daemon --require-sandbox). */
  requireSandbox?: boolean;
}

export type RemoteRunResult = SideResult & { id: string; translate: { ms: number; cacheHit: boolean } };

/** An output as the chunks it arrived in: views into the response's own buffers, never copied. */
export interface OutputChunks {
  bytes: number;
  chunks: Uint8Array[];
}

/** submitRunChunked's result: outputs as chunks, for a caller that forwards them (the web server). */
export type ChunkedRunResult = Omit<RemoteRunResult, 'outputs'> & { outputs: Record<string, OutputChunks> };

export class DaemonError extends Error {
  override name = 'DaemonError';
  status?: number;
  issues?: WorkloadIssue[];
  diagnostics?: Diagnostic[];
  limit?: { name: string; value: number; max: number };
  retryAfterS?: number;
  hint?: string;
  /** The run's failure code from the daemon/executor (compile, launch, time-limit, executor, …). */
  code?: string;
  /** Compiler output when the generated source failed to build. */
  log?: string;

  constructor(
    readonly kind: DaemonErrorKind,
    message: string,
    extra: Partial<Omit<DaemonError, 'kind' | 'message' | 'name'>> = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }
}

function endpoint(t: DaemonTarget, path: string): string {
  return t.url.replace(/\/+$/, '') + path;
}

function startHint(url: string): string {
  return `start one with \`npx duet daemon\` (or \`npm start\`), or check the URL ${url}`;
}

/** One request, with network failures turned into 'unreachable' and aborts into 'cancelled'. */
async function call(
  t: DaemonTarget,
  path: string,
  init: {
    method: 'GET' | 'POST' | 'DELETE';
    body?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<IncomingMessage> {
  try {
    return await sendRequest(t, path, {
      ...init,
      ...(t.noAnswerMs ? { noAnswerMs: t.noAnswerMs } : {}),
      headers: { Authorization: `Bearer ${t.token}`, ...init.headers },
    });
  } catch (e) {
    if (init.signal?.aborted) throw new DaemonError('cancelled', 'the run was cancelled');
    throw unreachable(t, e);
  }
}

/** A transport failure as the caller can act on it: what went wrong, and what to do about it. */
function unreachable(t: DaemonTarget, e: unknown): DaemonError {
  const code = e instanceof TransportError ? e.code : (e as Error).message;
  // A paired daemon's tunnel says in words why it is closed (server/pairing/).
  if (t.agent) return new DaemonError('unreachable', `cannot reach ${t.url}: ${(e as Error).message}`);
  if (code === 'EINVALIDURL') {
    const bare = /^[\w.-]+:\d+$/.test(t.url) || /^\[[0-9a-f:]+\]:\d+$/i.test(t.url);
    return new DaemonError('unreachable', `"${t.url}" is not a daemon URL`, {
      hint: bare ? `give the scheme too: http://${t.url}` : 'a daemon URL looks like http://127.0.0.1:7070',
    });
  }
  if (code === 'ENOANSWER') {
    return new DaemonError(
      'unreachable',
      `the server at ${t.url} accepted the connection but sent no answer within ${(t.noAnswerMs ?? NO_ANSWER_MS) / 1000} s: the daemon may be stopped (Ctrl-Z, a debugger) or stuck, or this is not a Duet daemon`,
      {
        hint: `check the terminal running \`npx duet daemon\` for ${t.url}; restart it if it does not respond`,
      },
    );
  }
  // OpenSSL's codes for a TLS handshake that met plain HTTP (or another protocol).
  if (t.url.startsWith('https:') && /EPROTO|SSL|TLS/i.test(code)) {
    return new DaemonError(
      'unreachable',
      `cannot reach the Duet daemon at ${t.url}: the TLS handshake failed (${code})`,
      {
        hint: `a daemon started without --tls-cert serves plain HTTP: try ${t.url.replace(/^https:/, 'http:')}`,
      },
    );
  }
  return new DaemonError('unreachable', `cannot reach the Duet daemon at ${t.url} (${code})`, {
    hint: startHint(t.url),
  });
}

const ok = (res: IncomingMessage) => (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;

/** Turns a non-2xx JSON reply into the matching DaemonError. */
async function errorFromResponse(t: DaemonTarget, res: IncomingMessage): Promise<DaemonError> {
  // A body that breaks off leaves the status alone to go on.
  const text = await readText(res).catch(() => '');
  return errorFromReply(t, { status: res.statusCode ?? 0, header: (n) => header(res, n), text });
}

/** A non-2xx reply as its status, header fields and body text: the matching DaemonError. */
function errorFromReply(
  t: DaemonTarget,
  reply: { status: number; header(name: string): string | undefined; text: string },
): DaemonError {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(reply.text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page, say), or the body broke off: the status alone has to do.
  }
  const status = reply.status;
  const message = typeof body.message === 'string' ? body.message : `the daemon answered HTTP ${status}`;
  const retry = Number(reply.header('retry-after'));
  const retryAfterS = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  const limit =
    typeof body.limit === 'string'
      ? { name: body.limit, value: Number(body.value), max: Number(body.max) }
      : undefined;
  switch (status) {
    case 401:
      return new DaemonError('unauthorized', `the Duet daemon at ${t.url} refused the token: ${message}`, {
        status,
        hint: 'use the token the daemon printed when it started (--token or DUET_TOKEN)',
      });
    case 400:
      return new DaemonError('invalid', message, {
        status,
        issues: body.issues as WorkloadIssue[] | undefined,
      });
    case 413:
      return new DaemonError('limit', message, { status, limit });
    case 422:
      return new DaemonError('translate', message, {
        status,
        diagnostics: body.diagnostics as Diagnostic[] | undefined,
      });
    case 429:
      return new DaemonError(body.error === 'busy' ? 'busy' : 'limit', message, {
        status,
        limit,
        retryAfterS,
      });
    case 503:
      return new DaemonError('run', message, {
        status,
        retryAfterS,
        hint: `see GET ${endpoint(t, '/v1/info')} and the daemon's log`,
      });
    default:
      return new DaemonError(status >= 500 ? 'run' : 'protocol', message, { status });
  }
}

export async function getDaemonInfo(
  t: DaemonTarget,
  opts: { signal?: AbortSignal } = {},
): Promise<DaemonInfo> {
  const res = await call(t, '/v1/info', { method: 'GET', signal: opts.signal });
  if (!ok(res)) throw await errorFromResponse(t, res);
  try {
    return JSON.parse(await readText(res)) as DaemonInfo;
  } catch (e) {
    throw new DaemonError(
      'protocol',
      `the daemon at ${t.url} sent an unreadable /v1/info: ${(e as Error).message}`,
    );
  }
}

/** Asks the daemon to cancel a run by id; false when it is not queued or running there. */
export async function cancelRun(
  t: DaemonTarget,
  id: string,
  opts: { signal?: AbortSignal } = {},
): Promise<boolean> {
  const res = await call(t, `/v1/runs/${encodeURIComponent(id)}`, { method: 'DELETE', signal: opts.signal });
  if (res.statusCode === 404) {
    res.resume();
    return false;
  }
  if (!ok(res)) throw await errorFromResponse(t, res);
  res.resume();
  return true;
}

function errorFromFrame(h: FrameHeader): DaemonError {
  const code = String(h.code ?? 'run');
  const message = String(h.message ?? 'the run failed');
  const extra: Partial<DaemonError> = { code };
  if (typeof h.log === 'string') extra.log = h.log;
  if (code === 'cancelled' || code === 'aborted') return new DaemonError('cancelled', message, extra);
  if (code === 'time-limit') {
    return new DaemonError('timeout', message, {
      ...extra,
      hint: "the daemon's maxRunMs stopped it (GET /v1/info shows the limits; `duet daemon --config limits.json` raises it); or the kernel never ends",
    });
  }
  if (code === 'busy') return new DaemonError('busy', message, extra);
  if (code === 'sandbox') {
    return new DaemonError('run', message, {
      ...extra,
      hint: 'WGSL cannot make system calls: a kernel that reached one escaped the translator and the runtime bounds (a Duet bug worth reporting, with the WGSL); the executor was replaced and the next run goes ahead',
    });
  }
  return new DaemonError('run', message, extra);
}

interface ExecutorTimings {
  compile?: { ms?: number; cacheHit?: boolean };
  upload?: { ms?: number };
  download?: { ms?: number };
  kernel?: {
    samples?: number[];
    passes?: number[][];
    resolutionMs?: number;
    timer?: KernelTimer;
    l2Flushed?: boolean;
  };
}

/** Everything of a result frame but its outputs. */
function resultMeta(h: FrameHeader, roundTripMs: number): Omit<RemoteRunResult, 'outputs'> {
  const t = (h.timings ?? {}) as ExecutorTimings;
  const translate = (h.translate ?? { ms: 0, cacheHit: false }) as { ms: number; cacheHit: boolean };
  const samples = t.kernel?.samples ?? [];
  const timings: Timings = {
    compile: {
      ms: translate.ms + (t.compile?.ms ?? 0),
      cacheHit: t.compile?.cacheHit ?? false,
      translateMs: translate.ms,
    },
    upload: { ms: t.upload?.ms ?? 0 },
    kernel: {
      ...stats(samples),
      timer: t.kernel?.timer ?? 'steady-clock',
      resolutionMs: t.kernel?.resolutionMs ?? 0,
      ...(typeof t.kernel?.l2Flushed === 'boolean' ? { l2Flushed: t.kernel.l2Flushed } : {}),
    },
    download: { ms: t.download?.ms ?? 0 },
    queue: { ms: Number(h.queueMs ?? 0) },
    transport: { ms: Math.max(0, roundTripMs - Number(h.daemonMs ?? roundTripMs)) },
  };
  if (t.kernel?.passes && t.kernel.passes.length > 1)
    timings.kernel.passes = t.kernel.passes.map((p) => stats(p));
  return {
    id: String(h.id),
    backend: h.backend === 'cuda' ? 'cuda' : 'cpu',
    device: (h.device ?? { name: 'unknown' }) as DeviceInfo,
    timings,
    translate,
    ...(Array.isArray(h.warnings) && h.warnings.length ? { warnings: h.warnings.map(String) } : {}),
  };
}

/**
 * The result frame's outputs by name, payload i being the i-th listed output. Binding names are the
 * user's: a prototype-free object keeps `__proto__` or `constructor` an ordinary output (core/named.ts).
 */
function namedOutputs<P>(h: FrameHeader, payloads: P[], missing: () => P): Record<string, P> {
  const outputs = namedRecord<P>();
  const listed = (h.outputs ?? []) as { name: string }[];
  listed.forEach((o, i) => {
    outputs[o.name] = payloads[i] ?? missing();
  });
  return outputs;
}

type RunOptions = { signal?: AbortSignal; clientId?: string; onEvent?(e: RunEvent): void };

/**
 * Submits a run and streams its events; resolves with the result, outputs as one array each (what
 * a caller comparing or saving them needs). Every failure is a DaemonError.
 */
export function submitRun(
  t: DaemonTarget,
  workload: Workload | WorkloadInput,
  opts: RunOptions = {},
): Promise<RemoteRunResult> {
  return submit(t, workload, opts, new FrameDecoder(), (h, payloads, ms) => ({
    ...resultMeta(h, ms),
    outputs: namedOutputs(h, payloads, () => new Uint8Array(0)),
  }));
}

/**
 * As submitRun, but outputs stay the chunks they arrived in: no copy into arrays of the caller's
 * own. For a caller that only forwards outputs (the web server serving them to the page): on the
 * 2-core VM, copying a 256 MiB output into fresh memory takes longer than receiving it.
 */
export function submitRunChunked(
  t: DaemonTarget,
  workload: Workload | WorkloadInput,
  opts: RunOptions = {},
): Promise<ChunkedRunResult> {
  return submit(t, workload, opts, new ChunkedFrameDecoder(), (h, payloads, ms) => ({
    ...resultMeta(h, ms),
    outputs: namedOutputs(
      h,
      payloads.map((chunks) => ({ bytes: chunks.reduce((n, c) => n + c.byteLength, 0), chunks })),
      () => ({ bytes: 0, chunks: [] }),
    ),
  }));
}

/** A frame decoder, with payloads copied (FrameDecoder) or kept as chunks (ChunkedFrameDecoder). */
interface Decoder<P> {
  push(chunk: Uint8Array): Decoded<P>[];
  /** Bytes received that are not yet part of a complete frame. */
  readonly pending: number;
}

type Decoded<P> = { header: FrameHeader; payloads: P[] };

/** A run's answer body as frames, however it is read (node:http, or in place: DirectResponse). */
interface RunBody<P> {
  /** Starts the flow: each batch of decoded frames, a body that does not decode, or its end. */
  listen(on: {
    frames(fs: Decoded<P>[]): void;
    broken(e: Error): void;
    stopped(kind: DaemonErrorKind, why: string): void;
  }): void;
  /** No more frames wanted: a garbled stream's connection is dropped, else its rest is read. */
  release(garbled: boolean): void;
  readonly pending: number;
}

/** Outputs at least this large (in all) are read in place (DirectResponse) on a plain-HTTP daemon. */
export const DIRECT_MIN_BYTES = 1 << 20;

/** The output bytes a workload asks for, from its bindings (0 when it does not say). */
function outputBytes(w: Workload | WorkloadInput): number {
  const bindings = (w as { bindings?: unknown }).bindings;
  if (!Array.isArray(bindings)) return 0;
  let n = 0;
  for (const b of bindings as Binding[]) {
    const bytes =
      b?.output && typeof b.length === 'number' ? b.length * (ELEMENT_BYTES[b.element ?? 'bytes'] ?? 1) : 0;
    if (Number.isFinite(bytes) && bytes > 0) n += bytes;
  }
  return n;
}

async function submit<P, R>(
  t: DaemonTarget,
  workload: Workload | WorkloadInput,
  opts: RunOptions,
  decoder: Decoder<P>,
  toResult: (h: FrameHeader, payloads: P[], roundTripMs: number) => R,
): Promise<R> {
  const started = performance.now();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.clientId) headers[CLIENT_ID_HEADER] = opts.clientId;
  const request = { method: 'POST' as const, body: JSON.stringify(workload), headers, signal: opts.signal };
  // A large output on a plain-HTTP daemon is read in place (directBody); else through node:http
  // (always for a paired daemon: its only way in is the tunnel's agent).
  const direct =
    decoder instanceof FrameDecoder &&
    !t.agent &&
    t.url.startsWith('http:') &&
    outputBytes(workload) >= DIRECT_MIN_BYTES;
  const body: RunBody<P> = direct
    ? ((await directBody(t, request, decoder as unknown as FrameDecoder)) as unknown as RunBody<P>)
    : await httpBody(t, await call(t, '/v1/runs', request), decoder);
  return follow(t, opts, body, (h, payloads) => toResult(h, payloads, performance.now() - started));
}

const notFrames = (t: DaemonTarget) =>
  new DaemonError(
    'protocol',
    `the server at ${t.url} did not answer with a Duet frame stream — is it a Duet daemon?`,
  );
const brokeText = (t: DaemonTarget) => `the connection to the Duet daemon at ${t.url} broke during the run`;
const endedText = (t: DaemonTarget) => `the daemon at ${t.url} ended the stream before sending a result`;

/** The body through node:http: chunks as node reads them, decoded by `decoder`. */
async function httpBody<P>(t: DaemonTarget, res: IncomingMessage, decoder: Decoder<P>): Promise<RunBody<P>> {
  if (!ok(res)) throw await errorFromResponse(t, res);
  if (!header(res, 'content-type')?.startsWith(FRAMES_CONTENT_TYPE)) {
    res.destroy();
    throw notFrames(t);
  }
  const off: (() => void)[] = [];
  return {
    get pending() {
      return decoder.pending;
    },
    listen(on) {
      const onData = (chunk: Buffer) => {
        let frames: Decoded<P>[];
        try {
          frames = decoder.push(chunk);
        } catch (e) {
          on.broken(e as Error);
          return;
        }
        on.frames(frames);
      };
      const onEnd = () => on.stopped('protocol', endedText(t));
      // The response only says "aborted"; its socket knows why (a paired daemon's tunnel says which
      // daemon disconnected).
      const socket = res.socket;
      const onError = (e: Error) =>
        on.stopped('unreachable', `${brokeText(t)}: ${socket?.errored?.message ?? e.message}`);
      // A response cut off mid-body ends without `complete` (node reports no error for it in every case).
      const onClose = () => on.stopped('unreachable', `${brokeText(t)} (the response ended early)`);
      res.on('end', onEnd);
      res.on('error', onError);
      res.on('close', onClose);
      off.push(() => {
        res.off('data', onData);
        res.off('end', onEnd);
        res.off('error', onError);
        res.off('close', onClose);
      });
      // What has arrived with the headers (all of a tiny run's answer) is taken at once, without
      // waiting a tick for flowing mode to start; the rest flows. Flowing mode ('data' events)
      // rather than an async iterator: the iterator reads in paused mode, which stops and restarts
      // the socket's reading around every 64 KiB of a large output (a 256 MiB output's HTTP leg
      // went from 0.45 to 0.64 × the raw socket rate).
      let released = false;
      off.push(() => {
        released = true;
      });
      for (
        let chunk = res.read() as Buffer | null;
        chunk !== null && !released;
        chunk = res.read() as Buffer | null
      )
        onData(chunk);
      if (!released) res.on('data', onData);
    },
    release(garbled) {
      for (const f of off.splice(0)) f();
      // The result (or an error frame) can come before the response's last bytes: read the rest so
      // the keep-alive socket goes back to the pool; a garbled stream's socket is dropped instead.
      if (!res.complete) {
        if (garbled) res.destroy();
        else res.resume();
      }
    },
  };
}

/**
 * The body read in place (DirectResponse): each output's bytes go from the socket straight into
 * the array FrameDecoder allocated for it from the result frame's header, never through a buffer
 * of node's (a 256 MiB output is written into fresh memory once, not twice).
 */
async function directBody(
  t: DaemonTarget,
  req: { method: 'POST'; body: string; headers: Record<string, string>; signal?: AbortSignal | undefined },
  decoder: FrameDecoder,
): Promise<RunBody<Uint8Array>> {
  let res: DirectResponse;
  try {
    res = await DirectResponse.open(new URL(`${t.url.replace(/\/+$/, '')}/v1/runs`), {
      ...req,
      path: '/v1/runs',
      headers: { Authorization: `Bearer ${t.token}`, ...req.headers },
      noAnswerMs: t.noAnswerMs ?? NO_ANSWER_MS,
    });
  } catch (e) {
    if (req.signal?.aborted) throw new DaemonError('cancelled', 'the run was cancelled');
    throw unreachable(t, e);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    const text = await res.text();
    res.destroy();
    throw errorFromReply(t, { status: res.statusCode, header: (n) => res.header(n), text });
  }
  if (!res.header('content-type')?.startsWith(FRAMES_CONTENT_TYPE)) {
    res.destroy();
    throw notFrames(t);
  }
  let released = false;
  return {
    get pending() {
      return decoder.pending;
    },
    listen(on) {
      const emit = (decode: () => Decoded<Uint8Array>[]) => {
        if (released) return;
        let frames: Decoded<Uint8Array>[];
        try {
          frames = decode();
        } catch (e) {
          on.broken(e as Error);
          return;
        }
        on.frames(frames);
      };
      res.stream({
        target: () => (released ? null : decoder.inPlaceTarget()),
        filled: (n) => emit(() => decoder.filledInPlace(n)),
        bytes: (b) => emit(() => decoder.push(b)),
        end: (e) => {
          if (released) return;
          if (e) on.stopped('unreachable', `${brokeText(t)} (${e.message})`);
          else on.stopped('protocol', endedText(t));
        },
      });
    },
    release(garbled) {
      released = true;
      // Nothing is reused: a garbled or finished answer's connection can go at once.
      if (garbled || !res.complete) res.destroy();
    },
  };
}

/** Follows a run's frames to its result (or its failure); every failure is a DaemonError. */
function follow<P, R>(
  t: DaemonTarget,
  opts: RunOptions,
  body: RunBody<P>,
  toResult: (h: FrameHeader, payloads: P[]) => R,
): Promise<R> {
  const handle = (f: Decoded<P>): R | null => {
    const h = f.header;
    if (h.type === 'accepted') opts.onEvent?.({ type: 'accepted', id: String(h.id) });
    else if (h.type === 'phase' && h.phase === 'queued') {
      opts.onEvent?.({ type: 'queued', position: Number(h.position), of: Number(h.of) });
    } else if (h.type === 'phase') {
      const e: RunEvent = { type: 'phase', phase: h.phase as 'running' };
      if (typeof h.sample === 'number') e.sample = h.sample;
      if (typeof h.of === 'number') e.of = h.of;
      opts.onEvent?.(e);
    } else if (h.type === 'result') return toResult(h, f.payloads);
    else if (h.type === 'error') throw errorFromFrame(h);
    return null;
  };
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    let garbled = false;
    // A daemon that is gone mid-run (stopped, asleep, the network down) sends nothing more; a busy
    // one sends at least a heartbeat every HEARTBEAT_MS (daemon/frame-sink.ts).
    const silenceMs = t.streamSilenceMs ?? STREAM_SILENCE_MS;
    let silence: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        garbled = true; // drop the socket rather than wait for the rest of its bytes
        finish(
          new DaemonError(
            'unreachable',
            `the Duet daemon at ${t.url} went silent for ${silenceMs / 1000} s during the run (a working daemon sends at least a heartbeat every ${HEARTBEAT_MS / 1000} s): it may be stopped (Ctrl-Z), asleep, or the network is down`,
            { hint: `check the machine and the terminal running \`npx duet daemon\` at ${t.url}` },
          ),
        );
      }, silenceMs);
    };
    heard();
    const finish = (e: unknown, result?: R) => {
      if (settled) return;
      settled = true;
      clearTimeout(silence);
      body.release(garbled);
      if (result !== undefined) resolve(result);
      else reject(e);
    };
    const cancelled = () => new DaemonError('cancelled', 'the run was cancelled');
    body.listen({
      frames(frames) {
        heard();
        for (const f of frames) {
          if (settled) return;
          let result: R | null;
          try {
            result = handle(f);
          } catch (e) {
            finish(e); // an error frame, or the caller's onEvent threw
            return;
          }
          if (result) {
            finish(null, result);
            return;
          }
        }
      },
      broken(e) {
        garbled = true;
        finish(
          new DaemonError('protocol', `the daemon at ${t.url} sent a broken frame stream: ${e.message}`),
        );
      },
      // The stream stopped without a result: a cancel when the caller aborted, else `kind`/`why`.
      // Cut off inside a frame (a large result is forwarded while it arrives, so a daemon that loses
      // it part-way can only cut the response off), the message says so.
      stopped(kind, why) {
        const partWay = body.pending
          ? `; it stopped part-way through a frame (${body.pending} bytes of it had arrived), the daemon's log says why`
          : '';
        finish(opts.signal?.aborted ? cancelled() : new DaemonError(kind, why + partWay));
      },
    });
  });
}
