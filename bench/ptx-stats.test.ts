import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePtxasInfo, ptxShape } from './ptx-stats';

// Real output of nvcc 13.0 (V13.0.88) for sm_90, captured into bench/testdata/.
const data = (f: string) => readFileSync(join(import.meta.dirname, 'testdata', f), 'utf8');

/** Instruction lines from a label to the branch back to it, counted by text (a loop laid out in one piece). */
function textualLoop(ptx: string, label: string): number {
  const lines = ptx.split('\n').map((l) => l.trim());
  const from = lines.indexOf(`${label}:`);
  const to = lines.findIndex((l, i) => i > from && l.replace(/\s+/g, ' ').endsWith(`bra ${label};`));
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return lines.slice(from, to + 1).filter((l) => l.endsWith(';') && !l.startsWith('.')).length;
}

describe('parsePtxasInfo', () => {
  // `nvcc -cubin -arch=sm_90 -maxrregcount=16 -Xptxas -v` of two entries, `heavy` (24 floats live across
  // a loop, so it spills, and it calls a __noinline__ device function) and `light` (shared memory).
  const info = parsePtxasInfo(data('ptxas-v-spills.log'));

  it('reads registers, spills, stack and shared memory of every entry function', () => {
    expect(info.get('heavy')).toEqual({
      registers: 24,
      spillStores: 112,
      spillLoads: 112,
      stack: 160,
      sharedBytes: 0,
    });
    expect(info.get('light')).toEqual({
      registers: 12,
      spillStores: 0,
      spillLoads: 0,
      stack: 0,
      sharedBytes: 256,
    });
  });

  it('does not count a device function as an entry or mix its figures into one', () => {
    expect([...info.keys()].sort()).toEqual(['heavy', 'light']);
  });

  it('refuses output without an entry function', () => {
    expect(() => parsePtxasInfo('ptxas info    : 0 bytes gmem\n')).toThrow(/no entry function/);
  });
});

describe('ptxShape', () => {
  it('takes the inner loop of a nest as the hot loop', () => {
    const ptx = data('nbody-handwritten.sm_90.ptx');
    const shape = ptxShape(ptx, 'nbody');
    // The 256-body loop (unrolled four times by nvcc) inside the loop over tiles.
    expect(shape.hotLoop).toEqual({
      header: '$L__BB0_7',
      depth: 1,
      instructions: textualLoop(ptx, '$L__BB0_7'),
    });
    expect(shape.hotLoop?.instructions).toBe(88);
    expect(shape.instructions).toBe(168);
  });

  it('finds a loop entered in its middle, and prefers it to a shorter loop at the same depth', () => {
    // The generated reduce kernel: the workgroup-clearing loop ($L__BB0_4, 6 instructions) and the stride
    // loop, which nvcc rotated: entered by `bra.uni $L__BB0_8`, its latch $L__BB0_16 laid out above it.
    const shape = ptxShape(data('reduce-workgroup-generated.sm_90.ptx'));
    expect(shape.hotLoop?.header).toBe('$L__BB0_8');
    expect(shape.hotLoop?.depth).toBe(0);
    expect(shape.hotLoop?.instructions).toBe(39);
  });

  it('reports no loop for a straight-line kernel and counts its whole body', () => {
    const shape = ptxShape(data('saxpy-handwritten.sm_90.ptx'));
    expect(shape).toEqual({ instructions: 21, hotLoop: null });
  });

  it('names the entry it cannot find', () => {
    expect(() => ptxShape(data('saxpy-handwritten.sm_90.ptx'), 'nope')).toThrow(/no \.entry nope/);
  });
});
