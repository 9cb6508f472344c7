import { trpcEndpoint } from '#app/trpc/endpoint';

export const dynamic = 'force-dynamic';

// `npm start` answers these before Next's router (app/trpc/node-endpoint.ts); `next dev` here.
export { trpcEndpoint as GET, trpcEndpoint as POST };
