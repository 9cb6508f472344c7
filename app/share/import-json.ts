/**
 * Reading a JSON file back into the playground: an exported run (its workload is used) or a bare
 * workload. Validated with the workload schema; problems come back with field paths.
 */
import { parseWorkload, type Workload, type WorkloadIssue } from '../../core/workload';
import { fromWire } from '../../server/share/wire';

export type ImportResult =
  | { ok: true; workload: Workload; from: 'run' | 'workload' }
  | { ok: false; issues: WorkloadIssue[] };

export function importJson(text: string): ImportResult {
  let value: unknown;
  try {
    value = fromWire(JSON.parse(text));
  } catch (e) {
    return { ok: false, issues: [{ path: 'JSON', message: e instanceof Error ? e.message : String(e) }] };
  }
  const isRun = !!value && typeof value === 'object' && 'workload' in value && 'local' in value;
  const candidate = isRun ? (value as { workload: unknown }).workload : value;
  const parsed = parseWorkload(candidate);
  if (!parsed.ok) {
    return {
      ok: false,
      issues: parsed.issues.map((i) => (isRun ? { ...i, path: `workload.${i.path}` } : i)),
    };
  }
  return { ok: true, workload: parsed.workload, from: isRun ? 'run' : 'workload' };
}
