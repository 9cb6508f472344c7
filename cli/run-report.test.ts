import { describe, expect, it } from 'vitest';
import { type SideResult, stats } from '../core/result';
import { parseWorkload } from '../core/workload';
import { resolveLibraryPreset } from '../shaders/index';
import { formatSummary, resultJson } from './run-report';

const workload = resolveLibraryPreset('saxpy', { N: 64 });
const parsed = parseWorkload(workload);
if (!parsed.ok) throw new Error('saxpy preset does not parse');
const w = parsed.workload;

function cudaResult(extra: Partial<SideResult> = {}, l2Flushed?: boolean): SideResult {
  return {
    backend: 'cuda',
    device: { name: 'NVIDIA H100' },
    timings: {
      compile: { ms: 1, cacheHit: true },
      upload: { ms: 0.1 },
      kernel: {
        ...stats([0.01, 0.02]),
        timer: 'cuda-events',
        resolutionMs: 0.0005,
        ...(l2Flushed === undefined ? {} : { l2Flushed }),
      },
      download: { ms: 0.1 },
    },
    outputs: { y: new Uint8Array(256) },
    ...extra,
  };
}

describe('duet run report', () => {
  it("says whether L2 was flushed when the backend tells, and prints the executor's warnings", () => {
    const text = formatSummary(w, cudaResult({ warnings: ['a loop hit its iteration guard'] }, true));
    expect(text).toMatch(/^ {2}L2 {8}flushed before every sample$/m);
    expect(text).toMatch(/^ {2}warning: a loop hit its iteration guard$/m);
    expect(formatSummary(w, cudaResult({}, false))).toMatch(/^ {2}L2 {8}not flushed/m);
    const plain = formatSummary(w, cudaResult());
    expect(plain).not.toMatch(/L2|warning/);
  });

  it('keeps warnings in the JSON result', () => {
    expect(resultJson(w, cudaResult({ warnings: ['x'] }), 'base64').warnings).toEqual(['x']);
    expect(resultJson(w, cudaResult(), 'base64')).not.toHaveProperty('warnings');
  });
});
