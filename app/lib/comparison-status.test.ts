import { describe, expect, it } from 'vitest';
import { comparisonStatus } from './comparison-status';
import type { SideError, SideState } from './side-state';

const timeout: SideError = {
  kind: 'timeout',
  title: 'Run timed out',
  message: 'time limit exceeded after 2 s',
};
const noGpu: SideError = { kind: 'unavailable', title: 'No WebGPU', message: 'not exposed' };
const running: SideState<unknown> = { status: 'running', phase: 'running sample 1/12' };
const idle: SideState<unknown> = { status: 'idle' };
const done = { status: 'done', result: {}, extra: undefined } as unknown as SideState<unknown>;

describe('comparisonStatus', () => {
  it('names a failed side at once, while the other side still runs', () => {
    expect(comparisonStatus(running, { status: 'error', error: timeout })).toEqual({
      kind: 'failed',
      failures: [{ side: 'remote', error: timeout }],
      otherRunning: true,
    });
    expect(comparisonStatus({ status: 'error', error: noGpu }, running)).toEqual({
      kind: 'failed',
      failures: [{ side: 'local', error: noGpu }],
      otherRunning: true,
    });
  });

  it('names both failures, local first, once nothing runs', () => {
    expect(comparisonStatus({ status: 'error', error: noGpu }, { status: 'error', error: timeout })).toEqual({
      kind: 'failed',
      failures: [
        { side: 'local', error: noGpu },
        { side: 'remote', error: timeout },
      ],
      otherRunning: false,
    });
    expect(comparisonStatus(done, { status: 'error', error: timeout })).toMatchObject({
      kind: 'failed',
      otherRunning: false,
    });
  });

  it('waits only while no side has failed', () => {
    expect(comparisonStatus(idle, idle)).toEqual({ kind: 'idle' });
    expect(comparisonStatus(running, running)).toEqual({ kind: 'waiting' });
    expect(comparisonStatus(done, running)).toEqual({ kind: 'waiting' });
    expect(comparisonStatus(done, idle)).toEqual({ kind: 'no-outputs' });
  });
});
