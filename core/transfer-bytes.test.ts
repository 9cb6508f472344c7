import { describe, expect, it } from 'vitest';
import { resolveLibraryPreset } from '../shaders/index';
import { transferBytes } from './transfer-bytes';

describe('transferBytes', () => {
  it('counts initialised inputs up and outputs down (SAXPY: x and y up, y down)', () => {
    const w = resolveLibraryPreset('saxpy', { N: 1000 });
    expect(transferBytes(w)).toEqual({ up: 8000, down: 4000 });
  });
  it('does not charge zero-filled buffers to the link', () => {
    const w = resolveLibraryPreset('saxpy', { N: 1000 });
    const zeroed = {
      ...w,
      bindings: w.bindings.map((b) => (b.name === 'y' ? { ...b, init: 'zeros' as const } : b)),
    };
    expect(transferBytes(zeroed)).toEqual({ up: 4000, down: 4000 });
  });
});
