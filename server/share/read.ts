/** Server-side reads for the result pages: a run or a sweep by id (or by a pasted link), or why not. */
import { ShareError } from './errors';
import { isShareId } from './ids';
import { shareStore, sweepStore } from './instance';
import type { StoredRun } from './record';
import type { StoredSweep } from './sweep-record';

export type ReadResult =
  | { ok: true; run: StoredRun }
  | { ok: false; kind: 'not-found' | 'corrupt'; message: string };

/** Accepts an id or anything ending in one (`https://host/r/<id>`, `/r/<id>/`). */
export function idFrom(text: string | undefined | null): string | null {
  const m = /([A-Za-z0-9_-]{22})\/?(?:[?#].*)?$/.exec((text ?? '').trim());
  return m && isShareId(m[1]!) ? m[1]! : null;
}

export async function readRun(idOrLink: string | undefined | null): Promise<ReadResult> {
  const id = idFrom(idOrLink);
  if (!id)
    return { ok: false, kind: 'not-found', message: `"${idOrLink ?? ''}" is not a shared-run id or link.` };
  try {
    const run = await (await shareStore()).getRun(id);
    return run ? { ok: true, run } : { ok: false, kind: 'not-found', message: `No shared run ${id}.` };
  } catch (e) {
    if (e instanceof ShareError && e.kind === 'corrupt')
      return { ok: false, kind: 'corrupt', message: e.message };
    throw e;
  }
}

export type SweepReadResult =
  | { ok: true; sweep: StoredSweep }
  | { ok: false; kind: 'not-found' | 'corrupt'; message: string };

export async function readSweep(idOrLink: string | undefined | null): Promise<SweepReadResult> {
  const id = idFrom(idOrLink);
  if (!id)
    return { ok: false, kind: 'not-found', message: `"${idOrLink ?? ''}" is not a shared-sweep id or link.` };
  try {
    const sweep = await (await sweepStore()).getSweep(id);
    return sweep ? { ok: true, sweep } : { ok: false, kind: 'not-found', message: `No shared sweep ${id}.` };
  } catch (e) {
    if (e instanceof ShareError && e.kind === 'corrupt')
      return { ok: false, kind: 'corrupt', message: e.message };
    throw e;
  }
}
