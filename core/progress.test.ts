import { describe, expect, it } from 'vitest';
import { describePhase, describeRunEvent } from './progress';

describe('progress wording (the page and the CLI alike)', () => {
  it('says where a run is', () => {
    expect(describeRunEvent({ type: 'accepted', id: 'r1' })).toBe('accepted by daemon');
    expect(describeRunEvent({ type: 'queued', position: 3, of: 4 })).toBe('queued as 3rd (of 4)');
    expect(describeRunEvent({ type: 'phase', phase: 'compiling' })).toBe('compiling');
    expect(describeRunEvent({ type: 'phase', phase: 'running', sample: 3, of: 12 })).toBe(
      'running sample 3/12',
    );
    expect(describeRunEvent({ type: 'phase', phase: 'downloading' })).toBe('reading back');
  });

  it('words the browser runner’s phases like the daemon’s', () => {
    expect(describePhase('running', 1, 5)).toBe('running sample 1/5');
    expect(describePhase('running')).toBe('running');
    expect(describePhase('uploading')).toBe('uploading');
    expect(describePhase('downloading')).toBe('reading back');
  });
});
