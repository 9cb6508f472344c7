import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from './report';
import { sectionNotes } from './section-notes';

const machine = { host: 'vm', platform: 'linux', cpu: 'cpu', cores: 2, memoryGiB: 4, node: 'v20' };

describe('hand-written notes in docs/performance.md', () => {
  it('reads bench/notes/<section>.md and places each note after its own section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-notes-'));
    writeFileSync(join(dir, 'alpha.md'), 'Alpha was measured by hand.\n');
    writeFileSync(join(dir, 'README.txt'), 'not a note');
    const notes = sectionNotes(dir);
    expect(Object.keys(notes)).toEqual(['alpha']);
    const text = renderReport(
      {
        date: '2026-12-06T10:00:00.000Z',
        machine,
        entries: [
          { name: 'alpha', date: '2026-12-06T10:00:00.000Z', result: { a: 1 } },
          { name: 'beta', date: '2026-12-06T10:00:00.000Z', result: { b: 2 } },
        ],
      } as Parameters<typeof renderReport>[0],
      notes,
    );
    const note = text.indexOf('Alpha was measured by hand.');
    expect(note).toBeGreaterThan(text.indexOf('## alpha'));
    expect(note).toBeLessThan(text.indexOf('## beta'));
  });

  it('has no notes when the folder is missing', () => {
    expect(sectionNotes(join(tmpdir(), 'duet-no-such-notes-folder'))).toEqual({});
  });
});
