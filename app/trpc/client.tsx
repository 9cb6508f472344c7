'use client';
/**
 * tRPC + TanStack Query for client components: <TrpcProvider> at the root, useTRPC() below it.
 * `runs.submit` is streamed (its progress, then its result: httpBatchStreamLink), as are the workshop's
 * run (the same updates), submit (a check's progress, then its verdict) and board (a new state at
 * every change); the rest is batched.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import type { AppRouter } from '../../server/router';
import { MAX_TRPC_BATCH } from './limits';

const STREAMED = new Set(['runs.submit', 'workshop.run', 'workshop.submit', 'workshop.board']);

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: false },
      mutations: { retry: false },
    },
  });
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => STREAMED.has(op.path),
          true: httpBatchStreamLink({ url: '/api/trpc', maxItems: 1 }),
          false: httpBatchLink({ url: '/api/trpc', maxItems: MAX_TRPC_BATCH }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
