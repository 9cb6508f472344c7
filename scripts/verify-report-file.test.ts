import { describe, expect, it } from 'vitest';
import { placeReport, REPORT_END, REPORT_START } from './verify-report-file';

const report = '# GPU verification\n\n- Device: H200\n\n| kernel | verdict |\n';

describe('placeReport', () => {
  it('replaces only the marked part of a document, keeping the prose around it', () => {
    const doc = `# GPU verification\n\nHow to run it.\n\n${REPORT_START}\nan older run\n${REPORT_END}\n\n## Rehearsal\n`;
    const once = placeReport(doc, report);
    expect(once).toBe(
      `# GPU verification\n\nHow to run it.\n\n${REPORT_START}\n## Latest run on a GPU\n\n- Device: H200\n\n| kernel | verdict |\n${REPORT_END}\n\n## Rehearsal\n`,
    );
    // A second run replaces the first, it does not pile up.
    expect(placeReport(once, report.replace('H200', 'H100'))).toBe(once.replace('H200', 'H100'));
  });

  it('writes the report alone to a new file or one without the markers', () => {
    expect(placeReport(null, report)).toBe(report);
    expect(placeReport('someone else’s notes\n', report)).toBe(report);
    expect(placeReport(`${REPORT_END}\n${REPORT_START}\n`, report)).toBe(report);
  });
});
