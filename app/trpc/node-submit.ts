/**
 * `runs.submit`, the page's one streamed call per run, answered on node:http (./node-endpoint.ts)
 * without tRPC's fetch adapter: the same procedure through tRPC's own `callProcedure` (its input
 * schema, context and middleware) and `getErrorShape` (the router's error formatter), and the same
 * JSON-lines answer, written as lines of text. The adapter wraps one call in a Request, a chain of web
 * streams and an encoder that walks every value for promises: for a tiny run about a third of the web
 * server's JavaScript (docs/performance.md, the overhead section). Only the request the page's link
 * sends (./stream-link.ts: POST `runs.submit?batch=1`, JSON, `trpc-accept: application/jsonl`, a body
 * `{"0": input}`) takes this path; any other shape goes to tRPC, which answers or refuses it as before.
 * The lines are those of tRPC's `jsonlStreamProducer` for one call whose result is an async
 * iterable (@trpc/server 11.x, stream/jsonl.ts and http/resolveResponse.ts); ./node-submit.test.ts
 * compares them byte for byte with tRPC's own answer, so an upgrade that changes the format fails there.
 */
import type { IncomingMessage } from 'node:http';
import { callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape } from '@trpc/server';
import { appRouter } from '#server/router';
import { type Context, createContext, type HeaderSource } from '#server/trpc';
import { TRPC_ENDPOINT } from './endpoint';

const PATH = 'runs.submit';
export const SUBMIT_URL = `${TRPC_ENDPOINT}/${PATH}?batch=1`;

/** The headers tRPC's JSON-lines answer carries (resolveResponse.ts), so both paths answer alike. */
export const JSONL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'transfer-encoding': 'chunked',
  vary: 'trpc-accept, accept',
};

/**
 * The call's input when `req`, with its `body` already read, is the page's streamed `runs.submit`
 * exactly as ./stream-link.ts sends it; undefined for anything else (tRPC answers that).
 */
export function pageSubmitInput(req: IncomingMessage, body: string): { input: unknown } | undefined {
  if (req.method !== 'POST' || req.url !== SUBMIT_URL) return undefined;
  if (req.headers['trpc-accept'] !== 'application/jsonl') return undefined;
  if (req.headers['content-type'] !== 'application/json') return undefined;
  // tRPC's adapter answers a Host no URL can be made from with a 400 (./node-endpoint.ts): left to it.
  if (!URL.canParse(req.url, `http://${req.headers.host ?? 'localhost'}`)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== '0') return undefined;
  return { input: (parsed as Record<string, unknown>)['0'] };
}

/** node:http's request headers seen as the context reads them (a repeated header joined, as fetch's are). */
export function nodeHeaders(req: IncomingMessage): HeaderSource {
  return {
    get(name: string) {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

const line = (chunk: unknown) => `${JSON.stringify(chunk)}\n`;
/** jsonl.ts's `encode` of a value with no promise or iterable among its own keys (undefined: none). */
const encoded = (value: unknown) => (value === undefined ? [[]] : [[value]]);
// jsonl.ts's codes: the second element of a line. A promise settles FULFILLED (0) or REJECTED (2);
// an iterator step is YIELDED (1), RETURNED (0) or an ERROR (2).
const FULFILLED = 0;
const YIELDED = 1;
const RETURNED = 0;
const FAILED = 2;

/**
 * The answer's lines: tRPC's head (the call's slot 0 a promise, id 0), the envelope `{ result }`
 * (id 1), `{ data }` (id 2) and the procedure's iterator (id 3), then one line per update, and last
 * its return or its error in the router's error shape. An error before the iterator exists (bad
 * input, refused by a middleware) is the call's own result, `{ error }`, as tRPC answers it.
 */
export async function* submitLines(
  headers: HeaderSource,
  input: unknown,
  signal: AbortSignal,
): AsyncGenerator<string, void> {
  yield line({ 0: [[0], [null, 0, 0]] });
  let ctx: Context | undefined;
  const shape = (cause: unknown) =>
    getTRPCErrorShape({
      config: appRouter._def._config,
      ctx,
      error: getTRPCErrorFromUnknown(cause),
      input,
      path: PATH,
      type: 'mutation',
    });
  let data: unknown;
  try {
    ctx = createContext({ req: { headers } });
    data = await callTRPCProcedure({
      router: appRouter,
      path: PATH,
      type: 'mutation',
      ctx,
      getRawInput: async () => input,
      signal,
      batchIndex: 0,
    });
  } catch (e) {
    yield line([0, FULFILLED, [[{ error: shape(e) }]]]);
    return;
  }
  yield `${line([0, FULFILLED, [[{ result: 0 }], ['result', 0, 1]]])}${line([1, FULFILLED, [[{ data: 0 }], ['data', 0, 2]]])}${line([2, FULFILLED, [[0], [null, 1, 3]]])}`;
  // runs.submit is an async generator (server/routers/runs.ts): its data is always an iterable.
  const iterator = (data as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done) {
        yield line([3, RETURNED, encoded(step.value)]);
        return;
      }
      yield line([3, YIELDED, encoded(step.value)]);
    }
  } catch (e) {
    yield line([3, FAILED, shape(e)]);
  } finally {
    // The page went away mid-run (this generator returned at a yield): the procedure's finally runs.
    await iterator.return?.();
  }
}
