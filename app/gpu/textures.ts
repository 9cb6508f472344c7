/**
 * Textures and samplers for the browser runner (docs/contracts.md, textures): how a workload's texture
 * slot (core/texture-formats.ts: header + every level's texels, tightly packed) becomes a GPUTexture
 * and back. Pure functions of the shape (no GPU calls), so they are unit-tested in Node; the runner
 * (resources.ts, readback.ts) makes the calls.
 */
import {
  levelBytes,
  levelExtent,
  type SamplerState,
  type StorageAccess,
  type TextureDimension,
  type TextureShape,
} from '../../core/texture-formats';

/** bytesPerRow of copyTextureToBuffer must be a multiple of 256 (WebGPU §13.4.1, "validating texture copy range"). */
export const COPY_BYTES_PER_ROW_ALIGNMENT = 256;

/** One queue.writeTexture call: a mip level's texels, all its layers or slices at once. */
export interface LevelUpload {
  mipLevel: number;
  /** Where the level starts in the slot's texels (after the header). */
  offset: number;
  bytesPerRow: number;
  rowsPerImage: number;
  size: [number, number, number];
}

/** writeTexture takes unaligned rows (WebGPU §19.2.5: no 256 rule for queue writes), so one call per level. */
export function levelUploads(t: TextureShape): LevelUpload[] {
  const uploads: LevelUpload[] = [];
  let offset = 0;
  for (let mipLevel = 0; mipLevel < t.mipLevels; mipLevel++) {
    const [w, h, d] = levelExtent(t, mipLevel);
    uploads.push({
      mipLevel,
      offset,
      bytesPerRow: w * t.format.texelBytes,
      rowsPerImage: h,
      size: [w, h, d],
    });
    offset += levelBytes(t, mipLevel);
  }
  return uploads;
}

/** The GPUTexture's own dimension: arrays and cubes are 2d textures with layers (WebGPU §6.1). */
export function gpuTextureDimension(dimension: TextureDimension): GPUTextureDimension {
  return dimension === '1d' || dimension === '3d' ? dimension : '2d';
}

/**
 * The view's dimension: the WGSL type's when reflected (a texture_2d_array may view a 2d texture with
 * one layer, WebGPU §6.2 "texture view creation"), else the workload binding's own.
 */
export function viewDimensionFor(
  dimension: TextureDimension,
  declared: TextureDimension | undefined,
): GPUTextureViewDimension {
  return declared ?? dimension;
}

/** Level 0 read back into a buffer: rows padded to 256 bytes (copyTextureToBuffer's rule). */
export interface ReadbackLayout {
  bytesPerRow: number;
  rowsPerImage: number;
  size: [number, number, number];
  /** Staging buffer size: every row padded. */
  paddedBytes: number;
  /** The output's bytes: level 0's texels, tightly packed (the daemon's `.bin` layout). */
  dataBytes: number;
}

export function readbackLayout(t: TextureShape): ReadbackLayout {
  const [w, h, d] = levelExtent(t, 0);
  const tight = w * t.format.texelBytes;
  const bytesPerRow = Math.ceil(tight / COPY_BYTES_PER_ROW_ALIGNMENT) * COPY_BYTES_PER_ROW_ALIGNMENT;
  return {
    bytesPerRow,
    rowsPerImage: h,
    size: [w, h, d],
    paddedBytes: bytesPerRow * h * d,
    dataBytes: tight * h * d,
  };
}

/** Drops the row padding of a readback: texels, row-major, then layers or slices. */
export function stripRowPadding(padded: Uint8Array, t: TextureShape): Uint8Array<ArrayBuffer> {
  const { bytesPerRow, size, dataBytes } = readbackLayout(t);
  const [w, h, d] = size;
  const tight = w * t.format.texelBytes;
  const out = new Uint8Array(dataBytes);
  for (let row = 0; row < h * d; row++) {
    out.set(padded.subarray(row * bytesPerRow, row * bytesPerRow + tight), row * tight);
  }
  return out;
}

/** GPUSamplerDescriptor of a resolved sampler (the same fields, WebGPU §7.1.1). */
export function samplerDescriptor(s: SamplerState, label: string): GPUSamplerDescriptor {
  return {
    label,
    magFilter: s.magFilter,
    minFilter: s.minFilter,
    mipmapFilter: s.mipmapFilter,
    addressModeU: s.addressModeU,
    addressModeV: s.addressModeV,
    addressModeW: s.addressModeW,
    ...(s.compare ? { compare: s.compare } : {}),
  };
}

/**
 * A sampler with a compare function is bound as 'comparison', one that filters linearly as 'filtering'
 * (WebGPU §8.1.1 GPUSamplerBindingLayout).
 */
export function samplerBindingType(s: SamplerState): GPUSamplerBindingType {
  if (s.compare) return 'comparison';
  return s.magFilter === 'linear' || s.minFilter === 'linear' || s.mipmapFilter === 'linear'
    ? 'filtering'
    : 'non-filtering';
}

/** The layout's sample type for a sampled texture of this format (WebGPU §26.1 format table). */
export function sampleTypeOf(t: TextureShape): GPUTextureSampleType {
  const { sampled, filterable, depth } = t.format;
  if (depth) return 'depth';
  if (sampled === 'i32') return 'sint';
  if (sampled === 'u32') return 'uint';
  return filterable ? 'float' : 'unfilterable-float';
}

/** WGSL spells read_write, the workload read-write, WebGPU's layout read-write (§8.1.1). */
export function storageAccessOf(access: StorageAccess | 'read-write'): GPUStorageTextureAccess {
  if (access === 'read') return 'read-only';
  if (access === 'write') return 'write-only';
  return 'read-write';
}
