import { describe, expect, it } from 'vitest';
import { runAnnouncement } from './run-announcement';
import type { SideError } from './side-state';

const error: SideError = { kind: 'compile', title: 'WebGPU rejected the kernel', message: 'x' };

describe('runAnnouncement', () => {
  it('says a run is under way, and nothing before the first run', () => {
    expect(runAnnouncement(true, { status: 'idle' }, { status: 'idle' }, null)).toBe(
      'Running on both sides…',
    );
    expect(runAnnouncement(false, { status: 'idle' }, { status: 'idle' }, null)).toBe('');
  });
  it("names a failed side's error", () => {
    expect(runAnnouncement(false, { status: 'error', error }, { status: 'idle' }, null)).toBe(
      'Run finished. Browser failed: WebGPU rejected the kernel.',
    );
  });
});
