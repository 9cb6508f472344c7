/** DELETE /v1/runs/:id (contracts §7): cancels a queued or running run. */
import { call, ok } from './call';
import { errorFromResponse } from './errors';
import type { DaemonTarget } from './target';

/** Asks the daemon to cancel a run by id; false when it is not queued or running there. */
export async function cancelRun(
  t: DaemonTarget,
  id: string,
  opts: { signal?: AbortSignal } = {},
): Promise<boolean> {
  const res = await call(t, `/v1/runs/${encodeURIComponent(id)}`, { method: 'DELETE', signal: opts.signal });
  if (res.statusCode === 404) {
    res.resume();
    return false;
  }
  if (!ok(res)) throw await errorFromResponse(t, res);
  res.resume();
  return true;
}
