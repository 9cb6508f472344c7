/**
 * Reads a workload JSON file (the CLI's, the compiler corpus's). The file-only `"wgslFile"` names the
 * WGSL source relative to the JSON file; it is read and put in `wgsl` before validation. Node only
 * (node:fs): the one module of core/ the page never imports.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseWorkload, type Workload, type WorkloadIssue } from './workload';

export type LoadedWorkload =
  | { ok: true; workload: Workload; wgslPath?: string }
  | { ok: false; issues: WorkloadIssue[] };

export function loadWorkloadFile(path: string): LoadedWorkload {
  const fail = (p: string, message: string): LoadedWorkload => ({
    ok: false,
    issues: [{ path: p, message }],
  });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(
      '(file)',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('(file)', `${path} is not JSON: ${(e as Error).message}`);
  }
  let wgslPath: string | undefined;
  if (json && typeof json === 'object' && !Array.isArray(json) && 'wgslFile' in json) {
    const { wgslFile, ...rest } = json as Record<string, unknown>;
    if (typeof wgslFile !== 'string' || !wgslFile) return fail('wgslFile', 'must be a path to a .wgsl file');
    if ('wgsl' in rest) return fail('wgslFile', 'give either `wgsl` or `wgslFile`, not both');
    wgslPath = resolve(dirname(path), wgslFile);
    try {
      rest.wgsl = readFileSync(wgslPath, 'utf8');
    } catch (e) {
      return fail(
        'wgslFile',
        `cannot read ${wgslPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    json = rest;
  }
  const parsed = parseWorkload(json);
  if (!parsed.ok) return parsed;
  return wgslPath
    ? { ok: true, workload: parsed.workload, wgslPath }
    : { ok: true, workload: parsed.workload };
}
