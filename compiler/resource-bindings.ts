/**
 * What reflection says of a texture, storage texture or sampler binding (docs/contracts.md §2, §3):
 * its kind, the ResourceInfo the run plan checks a workload binding against (core/texture-formats.ts),
 * the layout of the slot's fixed part (the 32-byte texture header or sampler descriptor, as u32 words)
 * and the fewest bytes a slot can have (a header and one texel, or a descriptor).
 */
import type { HostScalar, TypeLayout } from '../core/host-layout';
import {
  type ResourceInfo,
  SAMPLER_BYTES,
  TEXTURE_FORMATS,
  TEXTURE_HEADER_BYTES,
  textureFormat,
} from '../core/texture-formats';
import { type HandleType, typeName } from './front/types';

/** The header's eight little-endian u32 words (core/texture-formats.ts writeTextureHeader). */
const HEADER_WORDS = [
  'format',
  'width',
  'height',
  'depthOrLayers',
  'mipLevels',
  'dimension',
  'texelBytes',
  'reserved',
];
/** The sampler descriptor's eight words (core/texture-formats.ts encodeSampler). */
const SAMPLER_WORDS = [
  'magFilter',
  'minFilter',
  'mipmapFilter',
  'addressModeU',
  'addressModeV',
  'addressModeW',
  'compare',
  'reserved',
];

function wordsLayout(type: string, words: string[]): TypeLayout {
  const u32 = (): TypeLayout => ({
    kind: 'scalar',
    type: 'u32',
    scalar: 'u32' as HostScalar,
    size: 4,
    align: 4,
  });
  return {
    kind: 'struct',
    type,
    members: words.map((name, i) => ({ name, offset: i * 4, layout: u32() })),
    size: words.length * 4,
    align: 4,
  };
}

/** The smallest texel any sampled format has (r8unorm and friends: one byte). */
const SMALLEST_TEXEL = Math.min(...TEXTURE_FORMATS.map((f) => f.texelBytes));

interface ResourceBinding {
  kind: 'texture' | 'storage-texture' | 'sampler';
  resource: ResourceInfo;
  layout: TypeLayout;
  minBytes: number;
}

export function resourceBinding(t: HandleType): ResourceBinding {
  const type = typeName(t);
  switch (t.k) {
    case 'texture':
      return {
        kind: 'texture',
        resource: {
          kind: 'texture',
          dimension: t.dim,
          sampled: t.sampled,
          ...(t.depth ? { depth: true } : {}),
        },
        layout: wordsLayout(type, HEADER_WORDS),
        minBytes: TEXTURE_HEADER_BYTES + SMALLEST_TEXEL,
      };
    case 'storage_texture':
      return {
        kind: 'storage-texture',
        resource: { kind: 'storage-texture', dimension: t.dim, format: t.format, access: t.access },
        layout: wordsLayout(type, HEADER_WORDS),
        minBytes: TEXTURE_HEADER_BYTES + textureFormat(t.format)!.texelBytes,
      };
    case 'sampler':
      return {
        kind: 'sampler',
        resource: { kind: 'sampler', comparison: t.comparison === true },
        layout: wordsLayout(type, SAMPLER_WORDS),
        minBytes: SAMPLER_BYTES,
      };
  }
}
