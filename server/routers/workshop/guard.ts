/**
 * The workshop's errors as tRPC errors (docs/contracts.md §11: unknown room NOT_FOUND, quota
 * TOO_MANY_REQUESTS, …), and the inputs every workshop call shares.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { DetailedError } from '../../error-details';
import { WorkshopError, type WorkshopErrorKind } from '../../workshop/errors';

const CODES: Record<WorkshopErrorKind, TRPCError['code']> = {
  'unknown-room': 'NOT_FOUND',
  closed: 'FORBIDDEN',
  'bad-name': 'BAD_REQUEST',
  'name-taken': 'CONFLICT',
  'not-teacher': 'UNAUTHORIZED',
  'not-student': 'UNAUTHORIZED',
  locked: 'FORBIDDEN',
  'no-step': 'BAD_REQUEST',
  quota: 'TOO_MANY_REQUESTS',
  'bad-lesson': 'BAD_REQUEST',
  'no-daemon': 'NOT_FOUND',
  daemon: 'SERVICE_UNAVAILABLE',
};

function asTrpc(e: unknown): unknown {
  if (!(e instanceof WorkshopError)) return e;
  return new TRPCError({
    code: CODES[e.kind],
    message: e.message,
    cause: new DetailedError(e.message, { kind: 'invalid' }),
  });
}

/** Runs `f`, its WorkshopError turned into the matching tRPC error. */
export async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asTrpc(e);
  }
}

export const code = z.string().trim().min(1).max(32);
export const teacher = z.object({ code, secret: z.string().min(1).max(128) });
export const kernel = z.object({
  code,
  step: z.number().int().min(0).max(49),
  wgsl: z
    .string()
    .min(1)
    .max(256 * 1024),
});
