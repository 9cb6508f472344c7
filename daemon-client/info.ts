/** GET /v1/info (contracts §7): the daemon's backend, device, limits, queue, executor and sandbox. */
import type { DeviceInfo } from '../core/result';
import type { SandboxWalls } from '../core/sandbox';
import { call, ok } from './call';
import { DaemonError } from './daemon-error';
import { errorFromResponse } from './errors';
import { readText } from './http-request';
import type { DaemonTarget } from './target';

export interface DaemonInfo {
  version: string;
  backend: 'cuda' | 'cpu' | null;
  device: DeviceInfo | null;
  limits: Record<string, number>;
  queue: { length: number; running: number };
  executor: { state: string; lastError?: string; [k: string]: unknown };
  /**
   * Which walls of the executor's OS sandbox are up; null before an executor was ever ready
   * (absent from daemons older than wall 3).
   */
  sandbox?: SandboxWalls | null;
  /** Whether the daemon refuses to run without every wall (duet daemon --require-sandbox). */
  requireSandbox?: boolean;
}

export async function getDaemonInfo(
  t: DaemonTarget,
  opts: { signal?: AbortSignal } = {},
): Promise<DaemonInfo> {
  const res = await call(t, '/v1/info', { method: 'GET', signal: opts.signal });
  if (!ok(res)) throw await errorFromResponse(t, res);
  try {
    return JSON.parse(await readText(res)) as DaemonInfo;
  } catch (e) {
    throw new DaemonError(
      'protocol',
      `the daemon at ${t.url} sent an unreadable /v1/info: ${(e as Error).message}`,
    );
  }
}
