/**
 * The page's tRPC links (app/trpc/client.tsx; bench/overhead.bench.ts reads runs as the page does
 * with them): `runs.submit` streamed on a request of its own (./stream-link.ts); the workshop's
 * streamed calls — run (the same updates), submit (a check's progress, then its verdict) and board
 * (a new state at every change, a query) — through tRPC's own stream link; the rest batched. Calls
 * that carry the workshop teacher secret go as POST (tRPC's methodOverride), never with it in a URL.
 */
import { httpBatchLink, httpBatchStreamLink, splitLink, type TRPCLink } from '@trpc/client';
import type { AppRouter } from '../../server/router';
import { MAX_TRPC_BATCH } from './limits';
import { streamLink } from './stream-link';

const WORKSHOP_STREAMED = new Set(['workshop.run', 'workshop.submit', 'workshop.board']);
/** Queries whose input holds the teacher secret: sent as POST so it stays out of URLs (and logs). */
const TEACHER_QUERIES = new Set(['workshop.csv', 'workshop.lesson']);

/** What a client outside a browser adds to the tRPC links (not runs.submit's). */
export interface ClientOptions {
  /** Extra request headers: bench/workshop-load.ts's students send their cookie this way. */
  headers?: () => Record<string, string>;
  /** The fetch to use: there, one that keeps the cookie `workshop.join` sets, as a browser does. */
  fetch?: typeof fetch;
}

export function appLinks(url: string, opts: ClientOptions = {}): TRPCLink<AppRouter>[] {
  const extra = {
    ...(opts.headers ? { headers: opts.headers } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  };
  return [
    splitLink({
      condition: (op) => op.path === 'runs.submit',
      true: streamLink({ url }),
      false: splitLink({
        condition: (op) => WORKSHOP_STREAMED.has(op.path),
        true: httpBatchStreamLink({ url, maxItems: 1, methodOverride: 'POST', ...extra }),
        false: splitLink({
          condition: (op) => TEACHER_QUERIES.has(op.path),
          true: httpBatchLink({ url, maxItems: MAX_TRPC_BATCH, methodOverride: 'POST', ...extra }),
          false: httpBatchLink({ url, maxItems: MAX_TRPC_BATCH, ...extra }),
        }),
      }),
    }),
  ];
}
