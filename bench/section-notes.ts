/**
 * Hand-written notes for docs/performance.md: bench/notes/<section>.md, one file per bench section
 * (the name `npm run bench -- <name>` takes). The report is generated whole from the results record, so
 * text written into docs/performance.md itself would be lost at the next run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sectionNotes(dir: string): { [name: string]: string } {
  const notes: { [name: string]: string } = Object.create(null);
  if (!existsSync(dir)) return notes;
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.md')) notes[file.slice(0, -3)] = readFileSync(join(dir, file), 'utf8');
  }
  return notes;
}
