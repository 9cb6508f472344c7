/**
 * The page's tRPC links (app/trpc/client.tsx; bench/overhead.bench.ts reads runs as the page does
 * with them): `runs.submit` streamed on a request of its own (./stream-link.ts), the rest batched.
 */
import { httpBatchLink, splitLink, type TRPCLink } from '@trpc/client';
import type { AppRouter } from '../../server/router';
import { MAX_TRPC_BATCH } from './limits';
import { streamLink } from './stream-link';

export function appLinks(url: string): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.path === 'runs.submit',
      true: streamLink({ url }),
      false: httpBatchLink({ url, maxItems: MAX_TRPC_BATCH }),
    }),
  ];
}
