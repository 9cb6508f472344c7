import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SLOTS } from './abi';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('the slot limit', () => {
  it.each([
    ['compiler/preludes/common.h', /#define DUET_MAX_SLOTS (\d+)/],
    ['compiler/preludes/common.ts', /#define DUET_MAX_SLOTS (\d+)/],
    ['compiler/preludes/cpu_runtime.h', /#define DUET_MAX_SLOTS (\d+)/],
    ['compiler/preludes/cpu_runtime.ts', /#define DUET_MAX_SLOTS (\d+)/],
    ['daemon/executor/src/run_request.h', /constexpr unsigned kMaxSlots = (\d+);/],
    ['daemon/executor/tests/fake_cuda/fake_driver.cpp', /constexpr int kMaxSlots = (\d+);/],
    ['daemon/executor/src/run_request.cpp', /at most (\d+) slots/],
  ])('%s agrees with core/abi MAX_SLOTS', (path, pattern) => {
    const m = read(path).match(pattern);
    expect(m, `${path} should state the slot limit`).not.toBeNull();
    expect(Number(m![1])).toBe(MAX_SLOTS);
  });
});
