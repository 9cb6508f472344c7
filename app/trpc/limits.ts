/** Most calls one tRPC batch may carry; the client link batches no more than the server accepts. */
export const MAX_TRPC_BATCH = 16;
