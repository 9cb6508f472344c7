/**
 * tRPC server setup: one instance, a context without per-request state, and an error shape that
 * carries the typed details the page needs to show a designed error state (how to fix, field paths,
 * translator diagnostics) instead of a bare message.
 */
import { initTRPC } from '@trpc/server';
import { type ErrorDetails, errorDetailsOf } from './error-details';

export function createContext() {
  return {};
}

const t = initTRPC.context<ReturnType<typeof createContext>>().create({
  errorFormatter({ shape, error }) {
    const details: ErrorDetails | null = errorDetailsOf(error.cause);
    return { ...shape, data: { ...shape.data, stack: undefined, duet: details } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
