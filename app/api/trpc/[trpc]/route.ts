import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../../../../server/router';
import { createContext } from '../../../../server/trpc';
import { MAX_TRPC_BATCH } from '../../../trpc/limits';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  // A bounded batch: one request cannot fan out into thousands of daemon calls (docs/security.md).
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext,
    maxBatchSize: MAX_TRPC_BATCH,
  });
}

export { handler as GET, handler as POST };
