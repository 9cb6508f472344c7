/**
 * The tRPC endpoint, `/api/trpc/<procedure path>`, as a fetch handler: Next's route
 * (app/api/trpc/[trpc]/route.ts, what `next dev` serves) and scripts/web-server.mjs's node:http
 * path (./node-endpoint.ts, what `npm start` serves) both answer with it.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '#server/router';
import { createContext } from '#server/trpc';
import { limitBody } from './body-limit';
import { MAX_TRPC_BATCH } from './limits';

export const TRPC_ENDPOINT = '/api/trpc';

export async function trpcEndpoint(incoming: Request): Promise<Response> {
  // A bounded body (./body-limit.ts) and a bounded batch: one request cannot make the server hold
  // gigabytes or fan out into thousands of daemon calls (docs/security.md).
  const req = await limitBody(incoming);
  if (req instanceof Response) return req;
  return answerTrpc(req);
}

/** Answers a request whose body is already bounded (by limitBody, or ./node-endpoint.ts on node:http). */
export function answerTrpc(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext,
    maxBatchSize: MAX_TRPC_BATCH,
    // A query may come as POST (./links.ts sends the teacher's so: their secret stays out of URLs).
    allowMethodOverride: true,
  });
}
