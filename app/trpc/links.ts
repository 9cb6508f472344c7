/**
 * The page's tRPC links (app/trpc/client.tsx; bench/overhead.bench.ts reads runs as the page does
 * with them): `runs.submit` streamed on a request of its own (./stream-link.ts); the workshop's
 * streamed calls — run (the same updates), submit (a check's progress, then its verdict) and board
 * (a new state at every change, a query) — through tRPC's own stream link; the rest batched.
 */
import { httpBatchLink, httpBatchStreamLink, splitLink, type TRPCLink } from '@trpc/client';
import type { AppRouter } from '../../server/router';
import { MAX_TRPC_BATCH } from './limits';
import { streamLink } from './stream-link';

const WORKSHOP_STREAMED = new Set(['workshop.run', 'workshop.submit', 'workshop.board']);

export function appLinks(url: string): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.path === 'runs.submit',
      true: streamLink({ url }),
      false: splitLink({
        condition: (op) => WORKSHOP_STREAMED.has(op.path),
        true: httpBatchStreamLink({ url, maxItems: 1 }),
        false: httpBatchLink({ url, maxItems: MAX_TRPC_BATCH }),
      }),
    }),
  ];
}
