/**
 * The byte counts of one tiny run on each hop of the real stack, for the floor (./stack.ts) to carry
 * the same: the page's request and answer and the daemon's, read off the wire by sending what the
 * page's link (app/trpc/stream-link.ts) and the daemon client (daemon-client/submit.ts) send; the
 * executor's, from its read and write counters in Linux's /proc/<pid>/io (proc(5): rchar, wchar)
 * over `runs` runs. Null without a readable /proc/<pid>/io.
 */
import { readFileSync } from 'node:fs';
import type { Workload } from '../../core/workload';
import { processTreeCpu } from '../process-cpu';
import type { FloorSizes } from './stack';

function io(pid: number): { read: number; written: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1]);
    const read = field('rchar');
    const written = field('wchar');
    return Number.isFinite(read) && Number.isFinite(written) ? { read, written } : null;
  } catch {
    return null;
  }
}

async function bytesOf(res: Response): Promise<number> {
  if (!res.ok) throw new Error(`floor sizes: ${res.url} answered ${res.status}`);
  return (await res.arrayBuffer()).byteLength;
}

export async function measureFloorSizes(opts: {
  pageUrl: string;
  pageInput: unknown;
  daemonUrl: string;
  token: string;
  workload: Workload;
  /** One daemon-path run (its executor's counters are read around `runs` of them). */
  daemonRun: () => Promise<void>;
  runs?: number;
}): Promise<FloorSizes | null> {
  const pageBody = JSON.stringify({ 0: opts.pageInput });
  const pageAnswer = await bytesOf(
    await fetch(`${opts.pageUrl}/api/trpc/runs.submit?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl' },
      body: pageBody,
    }),
  );
  const daemonBody = JSON.stringify(opts.workload);
  const daemonAnswer = await bytesOf(
    await fetch(`${opts.daemonUrl.replace(/\/+$/, '')}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
      body: daemonBody,
    }),
  );
  const executor = processTreeCpu()?.find((p) => p.role === 'executor');
  const before = executor ? io(executor.pid) : null;
  if (!executor || !before) return null;
  const runs = opts.runs ?? 20;
  for (let i = 0; i < runs; i++) await opts.daemonRun();
  const after = io(executor.pid);
  if (!after) return null;
  return {
    pageRequest: Buffer.byteLength(pageBody),
    pageAnswer,
    daemonRequest: Buffer.byteLength(daemonBody),
    daemonAnswer,
    executorIn: Math.round((after.read - before.read) / runs),
    executorOut: Math.round((after.written - before.written) / runs),
  };
}
