import { describe, expect, it } from 'vitest';
import { parseSaved, type SavedSource, snapshotToRestore } from './saved-source';

const snap = (hash: string, wgsl = 'fn main() {}'): SavedSource => ({
  presetId: 'saxpy',
  params: { N: 1024 },
  wgsl,
  workloadJson: '{}',
  templateJson: '{}',
  baseWgsl: wgsl,
  hash,
});

describe('parseSaved', () => {
  it('reads back what was saved', () => {
    expect(parseSaved(JSON.stringify(snap('#w=abc')))).toEqual(snap('#w=abc'));
  });
  it('ignores absent, damaged or foreign snapshots', () => {
    expect(parseSaved(null)).toBeNull();
    expect(parseSaved('{not json')).toBeNull();
    expect(parseSaved(JSON.stringify({ ...snap(''), wgsl: 3 }))).toBeNull();
    expect(parseSaved(JSON.stringify({ ...snap(''), params: { N: 'big' } }))).toBeNull();
  });
});

describe('snapshotToRestore', () => {
  it("prefers this tab's snapshot over the last of any tab", () => {
    expect(snapshotToRestore(snap('', 'tab'), snap('', 'last'), '')?.wgsl).toBe('tab');
    expect(snapshotToRestore(null, snap('', 'last'), '')?.wgsl).toBe('last');
  });
  it('restores at the fragment it was saved with, and lets a different code link win', () => {
    expect(snapshotToRestore(snap('#w=a'), null, '#w=a')).not.toBeNull();
    expect(snapshotToRestore(snap('#w=a'), snap('#w=a'), '#w=b')).toBeNull();
  });
});
