/**
 * A run's answer body as decoded frames, read through node:http (httpBody) or in place from the
 * socket (directBody, DirectResponse: a large output lands in its final array without a copy).
 */
import type { IncomingMessage } from 'node:http';
import type { DaemonErrorKind } from '../core/errors';
import type { FrameDecoder, FrameHeader } from '../core/frame';
import { FRAMES_CONTENT_TYPE } from '../core/protocol';
import { ok } from './call';
import { DaemonError } from './daemon-error';
import { DirectResponse } from './direct-response';
import { errorFromReply, errorFromResponse, unreachable } from './errors';
import { header, NO_ANSWER_MS } from './http-request';
import { authHeaders, type DaemonTarget } from './target';

/** A frame decoder, with payloads copied (FrameDecoder) or kept as chunks (ChunkedFrameDecoder). */
export interface Decoder<P> {
  push(chunk: Uint8Array): Decoded<P>[];
  /** Bytes received that are not yet part of a complete frame. */
  readonly pending: number;
}

export type Decoded<P> = { header: FrameHeader; payloads: P[] };

/** A run's answer body as frames, however it is read (node:http, or in place: DirectResponse). */
export interface RunBody<P> {
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

const notFrames = (t: DaemonTarget) =>
  new DaemonError(
    'protocol',
    `the server at ${t.url} did not answer with a Duet frame stream — is it a Duet daemon?`,
  );
const brokeText = (t: DaemonTarget) => `the connection to the Duet daemon at ${t.url} broke during the run`;
const endedText = (t: DaemonTarget) => `the daemon at ${t.url} ended the stream before sending a result`;

/** The body through node:http: chunks as node reads them, decoded by `decoder`. */
export async function httpBody<P>(
  t: DaemonTarget,
  res: IncomingMessage,
  decoder: Decoder<P>,
): Promise<RunBody<P>> {
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
export async function directBody(
  t: DaemonTarget,
  req: { method: 'POST'; body: string; headers: Record<string, string>; signal?: AbortSignal | undefined },
  decoder: FrameDecoder,
): Promise<RunBody<Uint8Array>> {
  let res: DirectResponse;
  try {
    res = await DirectResponse.open(new URL(`${t.url.replace(/\/+$/, '')}/v1/runs`), {
      ...req,
      path: '/v1/runs',
      headers: { ...authHeaders(t), ...req.headers },
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
