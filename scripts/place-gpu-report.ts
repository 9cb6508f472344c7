/**
 * `npm run gpu-report -- FILE`: puts a report that `sh .gpu-kit/run.sh` wrote on another machine
 * (its $OUT/gpu-verification.md) into the marked section of docs/gpu-verification.md, as a local
 * `npm run verify:gpu` would have, leaving the prose around it as it is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeReport, REPORT_END, REPORT_START } from './verify-report-file';

const from = process.argv[2];
const doc = join(import.meta.dirname, '..', 'docs', 'gpu-verification.md');
if (!from || !existsSync(from)) {
  console.error('usage: npm run gpu-report -- FILE   (a report written by verify:gpu or the GPU kit)');
  process.exit(1);
}
const report = readFileSync(from, 'utf8');
const existing = readFileSync(doc, 'utf8');
if (report.includes(REPORT_START) || !existing.includes(REPORT_START) || !existing.includes(REPORT_END)) {
  console.error(`${from} is not a bare report, or ${doc} has lost its report markers`);
  process.exit(1);
}
writeFileSync(doc, placeReport(existing, report));
console.error(`placed ${from} in ${doc}`);
