import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { limitBody } from '#app/trpc/body-limit';
import { MAX_TRPC_BATCH } from '#app/trpc/limits';
import { appRouter } from '#server/router';
import { createContext } from '#server/trpc';

export const dynamic = 'force-dynamic';

async function handler(incoming: Request) {
  // A bounded body (app/trpc/body-limit.ts) and a bounded batch: one request cannot make the server
  // hold gigabytes or fan out into thousands of daemon calls (docs/security.md).
  const req = await limitBody(incoming);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext,
    maxBatchSize: MAX_TRPC_BATCH,
  });
}

export { handler as GET, handler as POST };
