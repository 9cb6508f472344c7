/**
 * C++ spellings of textures and samplers: the views the common prelude's `textures` section defines
 * (compiler/preludes/common.h; docs/contracts.md §3). A view is bound to its slot like a buffer and
 * bounds every access by the header it copied, so a kernel reaches no byte outside the slot.
 */
import { type TextureDimension, textureFormat } from '../../core/texture-formats';
import type { AccessMode, HandleType } from '../front/types';

/** DUET_TEX_1D .. DUET_TEX_CUBE_ARRAY: the header's dimension codes. */
const DIM_MACRO: Record<TextureDimension, string> = {
  '1d': 'DUET_TEX_1D',
  '2d': 'DUET_TEX_2D',
  '2d-array': 'DUET_TEX_2D_ARRAY',
  '3d': 'DUET_TEX_3D',
  cube: 'DUET_TEX_CUBE',
  'cube-array': 'DUET_TEX_CUBE_ARRAY',
};

/** The storage view's ACCESS parameter: 1 read, 2 write, 3 read_write. */
const ACCESS_CODE: Record<AccessMode, number> = { read: 1, write: 2, read_write: 3 };

const SAMPLED_CPP = { f32: 'float', i32: 'int', u32: 'unsigned' } as const;

export function handleType(t: HandleType): string {
  switch (t.k) {
    case 'texture':
      if (t.depth) return `duet_depth_texture<${DIM_MACRO[t.dim]}>`;
      return `duet_texture<${DIM_MACRO[t.dim]}, ${SAMPLED_CPP[t.sampled]}>`;
    case 'storage_texture':
      // FMT is the format's code (core/texture-formats.ts TEXTURE_FORMATS index), as in the header.
      return `duet_storage_texture<${DIM_MACRO[t.dim]}, ${textureFormat(t.format)!.code}, ${ACCESS_CODE[t.access]}>`;
    case 'sampler':
      return t.comparison ? 'duet_sampler_comparison' : 'duet_sampler';
  }
}
