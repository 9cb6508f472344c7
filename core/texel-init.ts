/**
 * A texture slot's initial bytes (docs/contracts.md §1 and §3): the 32-byte header, then the texels
 * of every mip level in slot order, filled from `init` one stored component at a time (the format's
 * storage type: 0..255 for unorm8, f16 values for float16, bit fields for packed formats; bgra
 * formats in their stored order). `random` draws from the generator buffers use (core/generators.ts),
 * so a seed gives the same numbers to a buffer and a texture; base64 is the raw texels.
 */
import { decodeBase64Init, forEachInitValue } from './generators';
import { writeComponent } from './texel-codec';
import { componentRange, componentsPerTexel } from './texel-components';
import { TEXTURE_HEADER_BYTES, type TextureShape, texelBytesOf, writeTextureHeader } from './texture-formats';
import type { Init } from './workload';

/** The texels of every level of `shape`, filled from `init`. */
export function generateTexels(shape: TextureShape, init: Init | undefined): Uint8Array {
  const bytes = new Uint8Array(texelBytesOf(shape));
  const f = shape.format;
  const per = componentsPerTexel(f);
  const view = new DataView(bytes.buffer);
  const count = (bytes.byteLength / f.texelBytes) * per;
  const isFloat = componentRange(f, 0).kind === 'float';
  forEachInitValue(init, count, isFloat, (i, v) => {
    writeComponent(view, Math.floor(i / per) * f.texelBytes, f, i % per, v);
  });
  const raw = decodeBase64Init(init);
  if (raw) bytes.set(raw.subarray(0, bytes.length));
  return bytes;
}

/** The whole slot: header and texels (textureSlotBytes(shape) bytes). */
export function generateTextureSlot(shape: TextureShape, init: Init | undefined): Uint8Array {
  const texels = generateTexels(shape, init);
  const slot = new Uint8Array(TEXTURE_HEADER_BYTES + texels.byteLength);
  writeTextureHeader(slot, shape);
  slot.set(texels, TEXTURE_HEADER_BYTES);
  return slot;
}
