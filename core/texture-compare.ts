/**
 * Storage texture outputs compared channel by channel (docs/contracts.md §6 "Textures"): the texels
 * (no header) decoded as WGSL reads them, in rgba order, index = texel × channels + channel.
 *
 * 32-bit and f16 formats compare like buffers of that element (f32 / f16 ULP, integers exact).
 * Normalized formats compare decoded values, and a ULP is one stored step (1/255 for unorm8,
 * 1/127 for snorm8): by default one step is allowed, because WebGPU lets a GPU round a float→unorm
 * store either way at a tie (Vulkan §3.9.2 "Conversion from Floating-Point to Normalized Fixed-Point":
 * "round to nearest" with the tie direction left to the implementation), and filtered reads round
 * too. 8- and 16-bit integer formats must be equal.
 */
import {
  type CompareOptions,
  compareValues,
  type OutputComparison,
  type ResolvedTolerance,
} from './compare-values';
import { readComponent } from './texel-codec';
import type { TextureFormat } from './texture-formats';
import type { ElementType, Tolerance } from './workload';

/** Formats whose texels are plain arrays of a buffer element type: compared as that element. */
export function texelElement(f: TextureFormat): ElementType | undefined {
  return ({ float32: 'f32', float16: 'f16', uint32: 'u32', sint32: 'i32' } as const)[
    f.storage as 'float32' | 'float16' | 'uint32' | 'sint32'
  ];
}

/** Stored steps per 1.0 of each normalized channel (unorm8, snorm8, rgb10a2unorm's 10- and 2-bit fields). */
function normalizedScale(f: TextureFormat, channel: number): number | undefined {
  if (f.storage === 'unorm8') return 255;
  if (f.storage === 'snorm8') return 127;
  if (f.storage === 'rgb10a2unorm') return channel === 3 ? 3 : 1023;
  return undefined;
}

/** One stored step: the default for normalized formats; null (exact) for integer formats. */
export const NORMALIZED_TOLERANCE: ResolvedTolerance = { ulp: 1, abs: 0, rel: 0 };

export function textureTolerance(f: TextureFormat, override?: Tolerance): ResolvedTolerance | null {
  return normalizedScale(f, 0) === undefined ? null : { ...NORMALIZED_TOLERANCE, ...override };
}

/** The channels read back per texel (rg11b10 / rgb9e5 compare their packed word as one). */
function channelsOf(f: TextureFormat): number {
  return f.storage === 'rg11b10ufloat' || f.storage === 'rgb9e5ufloat' ? 1 : f.channels;
}

/** Compares two sides' texels of format `f` that are not plain element arrays (texelElement). */
export function compareTexels(
  f: TextureFormat,
  a: Uint8Array,
  b: Uint8Array,
  options: CompareOptions & { tolerance?: Tolerance } = {},
): OutputComparison {
  const channels = channelsOf(f);
  const texels = Math.floor(Math.min(a.byteLength, b.byteLength) / f.texelBytes);
  // Stored component of rgba channel c (bgra formats store blue first).
  const storedOf = (c: number) => (f.bgra ? ([2, 1, 0, 3][c] ?? c) : c);
  const stored = (bytes: Uint8Array) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (channels === 1 && f.channels === 3) return (i: number) => view.getUint32(i * 4, true);
    return (i: number) =>
      readComponent(view, Math.floor(i / channels) * f.texelBytes, f, storedOf(i % channels));
  };
  const sa = stored(a);
  const sb = stored(b);
  const value = (s: (i: number) => number) => (i: number) => {
    const scale = normalizedScale(f, i % channels);
    if (scale === undefined) return s(i);
    return f.storage === 'snorm8' ? Math.max(s(i) / scale, -1) : s(i) / scale;
  };
  // snorm: −128 and −127 both read −1, one step apart as stored but equal as read.
  const ordered = (s: (i: number) => number) =>
    f.storage === 'snorm8' ? (i: number) => Math.max(s(i), -127) : s;
  const element: ElementType =
    normalizedScale(f, 0) !== undefined ? 'f32' : f.sampled === 'i32' ? 'i32' : 'u32';
  const result = compareValues(
    element,
    {
      count: texels * channels,
      isFloat: false,
      readA: value(sa),
      readB: value(sb),
      orderedA: ordered(sa),
      orderedB: ordered(sb),
    },
    { bytesA: a.byteLength, bytesB: b.byteLength },
    textureTolerance(f, options.tolerance),
    options,
  );
  return { ...result, format: f.name };
}
