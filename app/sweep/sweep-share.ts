/**
 * A finished page sweep as a shared record (server/share/sweep-record.ts) and back: the request's
 * preset and parameter, every point (a daemon's URL reduced to its index), the link model it was
 * charted with, and the environment. Validated here already, so nothing outside the allowlist
 * leaves the browser.
 */

import type { LinkSpec } from '../../core/links';
import type { DeviceInfo } from '../../core/result';
import { formatPath } from '../../core/workload';
import { environmentOf } from '../../server/share/fingerprint';
import { type StoredPoint, type SweepInput, sweepInputSchema } from '../../server/share/sweep-record';
import type { SideOutcome, SweepPoint } from './sweep-point';
import type { SweepRequest } from './useSweep';

export type BuildSweepResult =
  | { ok: true; input: SweepInput }
  | { ok: false; reason: string; issues?: { path: string; message: string }[] };

function storedSide(o: SideOutcome): unknown {
  if (o.status === 'error') return { status: 'error', message: o.message.slice(0, 300) };
  return {
    status: 'done',
    phases: o.phases,
    backend: o.backend,
    device: o.device,
    ...(o.daemon ? { daemon: { index: o.daemon.index } } : {}),
  };
}

export function buildSweepInput(
  req: SweepRequest,
  points: readonly SweepPoint[],
  links: readonly LinkSpec[],
  env: { userAgent?: string; daemonVersion?: string | null },
): BuildSweepResult {
  if (points.length === 0) return { ok: false, reason: 'Run a sweep first: there are no points to share.' };
  const unit = req.preset.params[req.param]?.unit;
  const raw = {
    preset: { id: req.preset.id, name: req.preset.title },
    param: req.param,
    ...(unit ? { unit } : {}),
    base: req.base,
    daemon: req.daemon === 'auto' ? 'auto' : 'one',
    points: points.map((p) => ({
      value: p.value,
      bytesUp: p.bytesUp,
      bytesDown: p.bytesDown,
      ...(p.metrics ? { metrics: p.metrics } : {}),
      local: storedSide(p.local),
      remote: storedSide(p.remote),
    })),
    links,
    environment: environmentOf(env),
  };
  const parsed = sweepInputSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'This sweep cannot be shared as it is.',
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  return { ok: true, input: parsed.data };
}

/** A stored point as the page's charts and tables take it. */
export function pointOf(p: StoredPoint): SweepPoint {
  const side = (o: StoredPoint['local']): SideOutcome =>
    o.status === 'error'
      ? o
      : {
          status: 'done',
          phases: o.phases,
          backend: o.backend,
          // The allowlisted device is a subset of DeviceInfo (its limits narrowed to numbers).
          device: o.device as DeviceInfo,
          ...(o.daemon ? { daemon: { index: o.daemon.index, url: '' } } : {}),
        };
  return {
    value: p.value,
    bytesUp: p.bytesUp,
    bytesDown: p.bytesDown,
    ...(p.metrics ? { metrics: p.metrics } : {}),
    local: side(p.local),
    remote: side(p.remote),
  };
}
