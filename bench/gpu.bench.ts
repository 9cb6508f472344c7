/**
 * GPU figures are not measured here (these machines have no GPU): they come from a GPU run recorded in
 * docs/gpu-verification.md. This "bench" finds that file's report part and lifts its tables so the
 * report can quote them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_END, REPORT_START } from '../scripts/verify-report-file';

const root = join(import.meta.dirname, '..');

export interface GpuResult {
  exists: boolean;
  path: string;
  /** Markdown tables of the file, each with the heading above it. */
  tables: { heading: string; lines: string[] }[];
  /** The report's first paragraph (what it says about the run, or that none exists). */
  summary: string;
}

/** The part `npm run verify:gpu` writes (scripts/verify-report-file.ts), not the prose around it. */
function reportPart(text: string): string {
  const start = text.indexOf(REPORT_START);
  const end = text.indexOf(REPORT_END);
  return start >= 0 && end > start ? text.slice(start + REPORT_START.length, end) : text;
}

export async function benchGpu(): Promise<GpuResult> {
  const path = 'docs/gpu-verification.md';
  if (!existsSync(join(root, path))) return { exists: false, path, tables: [], summary: '' };
  const tables: GpuResult['tables'] = [];
  let heading = '';
  let current: string[] | null = null;
  const text = reportPart(readFileSync(join(root, path), 'utf8'));
  const summary =
    text
      .split(/\n\s*\n/)
      .find((p) => p.trim() && !p.trimStart().startsWith('#'))
      ?.replace(/\s*\n\s*/g, ' ')
      .trim() ?? '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) heading = line.replace(/^#+\s*/, '');
    if (line.trimStart().startsWith('|')) {
      if (!current) {
        current = [];
        tables.push({ heading, lines: current });
      }
      current.push(line);
    } else current = null;
  }
  return { exists: true, path, tables, summary };
}
