/**
 * Where `npm run verify:gpu` puts its report. docs/gpu-verification.md is also the project's prose
 * about the check (how to run it, the kit, what the fake-driver rehearsal found): a run replaces
 * only the part between the two markers, so that prose survives every run. A file without the
 * markers (a new file in a device run's $OUT) gets the report alone.
 */
export const REPORT_START = '<!-- verify:gpu report: written by scripts/gpu-verify.ts from here -->';
export const REPORT_END = '<!-- verify:gpu report: to here -->';

/** The file's new text: `existing` with its marked part replaced, or the report alone. */
export function placeReport(existing: string | null, report: string): string {
  const start = existing?.indexOf(REPORT_START) ?? -1;
  const end = existing?.indexOf(REPORT_END) ?? -1;
  if (existing === null || start < 0 || end < start) return report;
  // Inside the document the report is a section, not the page's title.
  const section = report.replace(/^# GPU verification\n/, '## Latest run on a GPU\n');
  return `${existing.slice(0, start + REPORT_START.length)}\n${section.trimEnd()}\n${existing.slice(end)}`;
}
