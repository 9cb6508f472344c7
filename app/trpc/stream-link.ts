/**
 * A tRPC link for one streamed call per request (`runs.submit`): the request that
 * `httpBatchStreamLink` with `maxItems: 1` sends, and the same JSON-lines answer read back, but
 *   - sent at once: the batch link waits a timer tick to gather a batch (at least 1 ms in Node);
 *   - read with one loop over the body: the batch link passes each line through six chained web
 *     streams and gives every value in the answer a ReadableStream of its own, which cost a tiny run
 *     more CPU on the page's side than the web server's whole answer (docs/performance.md).
 * The answer's format is tRPC's (`jsonlStreamProducer`, @trpc/server stream/jsonl.ts, 11.x): a head
 * line `{"0": Encoded}`, then one line `[id, status, Encoded | error]` per settled promise or
 * iterator step, where `Encoded` is `[[value], ...[key, 0 promise | 1 iterable, id][]]`: `value` with
 * the listed keys (or itself, key null) standing for the promise or iterable the lines of that id settle.
 * app/trpc/stream-link.test.ts runs it against tRPC's own server, so an upgrade that changes the
 * format fails there. The router has no transformer (server/trpc.ts), so values are plain JSON.
 */
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { TRPCResponse } from '@trpc/server/rpc';

type ChunkDefinition = [key: string | number | null, type: number, id: number];
type Encoded = [[unknown] | [], ...ChunkDefinition[]];
type Line = [id: number, status: number, value: unknown];

// tRPC's codes (stream/jsonl.ts): what a chunk is, and how a promise or an iterator step ended.
const PROMISE = 0;
const FULFILLED = 0;
const RETURNED = 0;
const YIELDED = 1;

/** The lines of one id, in order, for the one reader that awaits them. */
class Channel {
  private readonly lines: Line[] = [];
  private waiting: { resolve(l: Line): void; reject(e: unknown): void } | null = null;
  private ended: { error: unknown } | null = null;

  push(line: Line): void {
    if (this.waiting) {
      this.waiting.resolve(line);
      this.waiting = null;
    } else this.lines.push(line);
  }

  /** No more lines will come: a reader still waiting gets `error`. */
  end(error: unknown): void {
    this.ended ??= { error };
    this.waiting?.reject(error);
    this.waiting = null;
  }

  next(): Promise<Line> {
    const line = this.lines.shift();
    if (line) return Promise.resolve(line);
    if (this.ended) return Promise.reject(this.ended.error);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}

/** Reads a JSON-lines answer: resolves with its head decoded; the rest is read as it arrives. */
async function readAnswer(body: ReadableStream<Uint8Array>): Promise<unknown> {
  const channels = new Map<number, Channel>();
  const channel = (id: number) => {
    let c = channels.get(id);
    if (!c) {
      c = new Channel();
      channels.set(id, c);
    }
    return c;
  };
  const fail = (error: unknown) => TRPCClientError.from({ error } as TRPCResponse);

  const settled = (id: number) => {
    const p = (async () => {
      const [, status, value] = await channel(id).next();
      if (status === FULFILLED) return decode(value as Encoded);
      throw fail(value);
    })();
    // A promise nobody awaits (the caller stopped reading) must not report an unhandled rejection.
    p.catch(() => {});
    return p;
  };
  const iterated = (id: number) =>
    (async function* () {
      for (;;) {
        const [, status, value] = await channel(id).next();
        if (status === YIELDED) yield decode(value as Encoded);
        else if (status === RETURNED) return decode(value as Encoded);
        else throw fail(value);
      }
    })();
  function decode([[value], ...defs]: Encoded): unknown {
    for (const [key, type, id] of defs) {
      const async = type === PROMISE ? settled(id) : iterated(id);
      if (key === null) return async;
      (value as Record<string | number, unknown>)[key] = async;
    }
    return value;
  }

  const reader = body.getReader();
  const text = new TextDecoder();
  let buffered = '';
  let head: ((line: string) => void) | null = null;
  const headRead = new Promise<unknown>((resolve, reject) => {
    head = (line) => {
      try {
        const encoded = (JSON.parse(line) as Record<string, Encoded>)['0'];
        if (!encoded) throw new Error('the tRPC answer has no result for the call');
        resolve(decode(encoded));
      } catch (e) {
        reject(e);
      }
    };
    pump().catch((e) => {
      reject(e);
      for (const c of channels.values()) c.end(e);
    });
  });
  async function pump(): Promise<void> {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? text.decode() : text.decode(value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (head) {
          const h = head;
          head = null;
          h(line);
        } else {
          const parsed = JSON.parse(line) as Line;
          channel(parsed[0]).push(parsed);
        }
        newline = buffered.indexOf('\n');
      }
      if (done) break;
    }
    if (head) throw new Error('the tRPC answer ended before its first line');
    const closed = new Error('Stream closed unexpectedly');
    for (const c of channels.values()) c.end(closed);
  }
  return headRead;
}

export function streamLink<TRouter extends AnyRouter>(opts: { url: string }): TRPCLink<TRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        const ac = new AbortController();
        const signal = op.signal ? AbortSignal.any([op.signal, ac.signal]) : ac.signal;
        let done = false;
        (async () => {
          const res = await fetch(`${opts.url}/${op.path}?batch=1`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl' },
            body: JSON.stringify({ 0: op.input }),
            signal,
          });
          if (!res.ok || !res.body) {
            // Refused before it streamed (413, a bad batch): plain JSON, one envelope or one per call.
            const json = (await res.json()) as TRPCResponse | TRPCResponse[];
            return (Array.isArray(json) ? json[0] : json) as TRPCResponse;
          }
          // The call's envelope, then its result, then the data: each may be a promise in the answer.
          const envelope = (await readAnswer(res.body)) as TRPCResponse;
          if (!('result' in envelope)) return envelope;
          const result = (await envelope.result) as { data: unknown };
          return { result: { data: await result.data } } as TRPCResponse;
        })()
          .then((json) => {
            done = true;
            if ('error' in json) observer.error(TRPCClientError.from(json));
            else {
              observer.next({ result: json.result });
              observer.complete();
            }
          })
          .catch((e) => {
            done = true;
            observer.error(TRPCClientError.from(e));
          });
        return () => {
          if (!done) ac.abort();
        };
      });
}
