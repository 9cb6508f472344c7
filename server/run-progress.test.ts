import { describe, expect, it } from 'vitest';
import { describeRunEvent, ordinal } from './run-progress';

describe('run progress', () => {
  it('says the queue place as an ordinal', () => {
    expect(describeRunEvent({ type: 'queued', position: 1, of: 3 })).toBe('queued: next (of 3)');
    expect(describeRunEvent({ type: 'queued', position: 2, of: 3 })).toBe('queued as 2nd (of 3)');
    expect(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th'].join()).toBe(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal).join(),
    );
  });

  it('says the phase with its sample', () => {
    expect(describeRunEvent({ type: 'phase', phase: 'running', sample: 3, of: 12 })).toBe(
      'running sample 3/12',
    );
    expect(describeRunEvent({ type: 'phase', phase: 'downloading' })).toBe('reading back');
  });
});
