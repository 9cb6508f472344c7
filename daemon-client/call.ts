/**
 * One authenticated request to a daemon, with network failures turned into DaemonErrors
 * ('unreachable', or 'cancelled' when the caller aborted).
 */
import type { IncomingMessage } from 'node:http';
import { DaemonError } from './daemon-error';
import { unreachable } from './errors';
import { sendRequest } from './http-request';
import { authHeaders, type DaemonTarget } from './target';

export const ok = (res: IncomingMessage) => (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;

/** One request, with network failures turned into 'unreachable' and aborts into 'cancelled'. */
export async function call(
  t: DaemonTarget,
  path: string,
  init: {
    method: 'GET' | 'POST' | 'DELETE';
    body?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<IncomingMessage> {
  try {
    return await sendRequest(t, path, {
      ...init,
      ...(t.noAnswerMs ? { noAnswerMs: t.noAnswerMs } : {}),
      headers: { ...authHeaders(t), ...init.headers },
    });
  } catch (e) {
    if (init.signal?.aborted) throw new DaemonError('cancelled', 'the run was cancelled');
    throw unreachable(t, e);
  }
}
