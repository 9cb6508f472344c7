import { describe, expect, it } from 'vitest';
import { describeRunEvent, ordinal } from '../core/progress';
import { ProgressBoard } from './run-progress';

describe('run progress', () => {
  it('says the queue place as an ordinal', () => {
    expect(describeRunEvent({ type: 'queued', position: 1, of: 3 })).toBe('queued: next (of 3)');
    expect(describeRunEvent({ type: 'queued', position: 2, of: 3 })).toBe('queued as 2nd (of 3)');
    expect(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th'].join()).toBe(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal).join(),
    );
  });

  it('keeps the daemon run of a ticket until the run ends, for runs.cancel', () => {
    const board = new ProgressBoard(() => 0);
    board.update('t1', 'sent to daemon');
    board.attach('t1', { daemonIndex: 0, daemonRunId: 'r9' });
    board.update('t1', 'queued as 2nd (of 2)', false, 2);
    expect(board.get('t1')?.queuePosition).toBe(2);
    expect(board.handle('t1')).toEqual({ daemonIndex: 0, daemonRunId: 'r9' });
    board.update('t1', 'receiving outputs', true);
    expect(board.handle('t1')).toBeUndefined();
    expect(board.get('t1')?.queuePosition).toBeUndefined();
  });
});
