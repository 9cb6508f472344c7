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

export function appLinks(url: string): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.path === 'runs.submit',
      true: streamLink({ url }),
      false: splitLink({
        condition: (op) => WORKSHOP_STREAMED.has(op.path),
        true: httpBatchStreamLink({ url, maxItems: 1, methodOverride: 'POST' }),
        false: splitLink({
          condition: (op) => TEACHER_QUERIES.has(op.path),
          true: httpBatchLink({ url, maxItems: MAX_TRPC_BATCH, methodOverride: 'POST' }),
          false: httpBatchLink({ url, maxItems: MAX_TRPC_BATCH }),
        }),
      }),
    }),
  ];
}
