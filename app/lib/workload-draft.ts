/**
 * The page edits a workload as two texts: the WGSL (editor) and the rest as JSON (workload panel).
 * This joins them and validates with core/workload.ts, reporting problems with field paths.
 */
import { parseWorkload, type Workload, type WorkloadIssue } from '../../core/workload';

export type DraftResult = { ok: true; workload: Workload } | { ok: false; issues: WorkloadIssue[] };

/** Line:col of a JSON.parse error, when the engine reports a position. */
function jsonErrorIssue(text: string, error: unknown): WorkloadIssue {
  const message = error instanceof Error ? error.message : String(error);
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const offset = Number(pos[1]);
    const before = text.slice(0, offset).split('\n');
    return { path: `JSON ${before.length}:${before.at(-1)!.length + 1}`, message };
  }
  return { path: 'JSON', message };
}

export function parseDraft(wgsl: string, workloadJson: string): DraftResult {
  let value: unknown;
  try {
    value = JSON.parse(workloadJson);
  } catch (e) {
    return { ok: false, issues: [jsonErrorIssue(workloadJson, e)] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, issues: [{ path: '(workload)', message: 'must be a JSON object' }] };
  }
  const { wgslFile: _ignored, ...rest } = value as Record<string, unknown>;
  return parseWorkload({ ...rest, wgsl });
}

const INLINE_WIDTH = 88;

/** JSON with every array or object that fits kept on one line, so a workload reads at a glance. */
export function formatWorkloadJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inline = spaced(value);
  if (inline.length + indent.length <= INLINE_WIDTH) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => inner + formatWorkloadJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${formatWorkloadJson(v, inner)}`,
  );
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** One-line JSON with a space after `:` and `,` (outside strings), as people write it. */
function spaced(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}
