/**
 * What `duet run` shows and writes: a human summary, the result as JSON, and --out files
 * (DIR/<binding>.bin raw little-endian bytes per output, named safely: outputFileNames; DIR/result.json).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { f16BitsToF32 } from '../core/f16';
import { namedRecord } from '../core/named';
import type { SideResult } from '../core/result';
import { decodeTexel } from '../core/texel-codec';
import { textureShapeOf } from '../core/texture-binding';
import type { Binding, ElementType, Workload } from '../core/workload';

type AnyResult = SideResult & { id?: string; translate?: { ms: number; cacheHit: boolean } };

const PLAIN_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/**
 * The --out file of each output, inside the folder whatever the binding is called: a workload's
 * binding names are free text (`../../x`, `/etc/y`, `a b`), so a name that is not a plain file name
 * becomes `output-<n>-<its letters>.bin`. Unique without regard to case, as on macOS and Windows
 * disks, where `y.bin` and `Y.bin` are one file.
 */
export function outputFileNames(names: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const taken = new Set<string>(['result.json']);
  names.forEach((name, i) => {
    let file = PLAIN_FILE_NAME.test(name)
      ? `${name}.bin`
      : `output-${i}-${name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40)}.bin`;
    const stem = file.slice(0, -4);
    for (let k = i; taken.has(file.toLowerCase()); k++) file = `${stem}-${k}.bin`;
    taken.add(file.toLowerCase());
    files.set(name, file);
  });
  return files;
}

/** The result as JSON; outputs either inline (base64) or as the files --out wrote. */
export function resultJson(w: Workload, r: AnyResult, outputs: 'base64' | 'files'): Record<string, unknown> {
  // By binding name, prototype-free: an output called `__proto__` stays in result.json (core/named.ts).
  const out = namedRecord<unknown>();
  const files = outputFileNames(Object.keys(r.outputs));
  for (const [name, bytes] of Object.entries(r.outputs)) {
    const binding = w.bindings.find((b) => b.name === name);
    const texture = binding?.kind === 'storage-texture' ? textureShapeOf(binding) : undefined;
    out[name] = {
      // A storage texture's output is its texels (no header), row-major: docs/contracts.md §3.
      ...(texture
        ? { format: texture.format.name, size: binding?.size, dimension: texture.dimension }
        : { element: binding?.element ?? 'bytes' }),
      bytes: bytes.byteLength,
      ...(outputs === 'files'
        ? { file: files.get(name) }
        : { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') }),
    };
  }
  return {
    workload: w.name,
    ...(r.id ? { id: r.id } : {}),
    backend: r.backend,
    device: r.device,
    timings: r.timings,
    ...(r.warnings?.length ? { warnings: r.warnings } : {}),
    outputs: out,
  };
}

export function writeOutputs(dir: string, w: Workload, r: AnyResult): void {
  mkdirSync(dir, { recursive: true });
  const files = outputFileNames(Object.keys(r.outputs));
  for (const [name, bytes] of Object.entries(r.outputs)) writeFileSync(join(dir, files.get(name)!), bytes);
  writeFileSync(join(dir, 'result.json'), `${JSON.stringify(resultJson(w, r, 'files'), null, 2)}\n`);
}

function firstValues(bytes: Uint8Array, element: ElementType, count: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: string[] = [];
  const size = { f32: 4, i32: 4, u32: 4, f16: 2, bytes: 1 }[element];
  for (let i = 0; i < count && (i + 1) * size <= bytes.byteLength; i++) {
    const o = i * size;
    const v =
      element === 'f32'
        ? view.getFloat32(o, true)
        : element === 'i32'
          ? view.getInt32(o, true)
          : element === 'u32'
            ? view.getUint32(o, true)
            : element === 'f16'
              ? f16BitsToF32(view.getUint16(o, true))
              : view.getUint8(o);
    values.push(element === 'f32' || element === 'f16' ? String(Number(v.toPrecision(7))) : String(v));
  }
  return values.join(', ');
}

/** A texture output in words: its size and format, then its first texels as WGSL reads them. */
function describeTexels(b: Binding, bytes: Uint8Array): string {
  const shape = textureShapeOf(b);
  const f = shape.format;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texels: string[] = [];
  for (let t = 0; t < 3 && (t + 1) * f.texelBytes <= bytes.byteLength; t++) {
    const values = decodeTexel(f, view, t * f.texelBytes).map((v) => String(Number(v.toPrecision(5))));
    texels.push(`(${values.join(', ')})`);
  }
  const more = bytes.byteLength > 3 * f.texelBytes ? ', …' : '';
  return `${(b.size ?? []).join('×')} ${f.name} texels (${bytes.byteLength} bytes): ${texels.join(', ')}${more}`;
}

const ms = (v: number) => `${v < 10 ? v.toFixed(3) : v.toFixed(1)} ms`;

export function formatSummary(w: Workload, r: AnyResult): string {
  const t = r.timings;
  const device =
    r.backend === 'cpu'
      ? `CPU emulation${r.device.cpuModel ? ` on ${r.device.cpuModel}` : ''}`
      : r.device.name;
  const lines = [`${w.name} on ${r.backend} (${device})`];
  const notes = [
    t.compile.translateMs !== undefined ? `translate ${ms(t.compile.translateMs)}` : '',
    t.compile.cacheHit === undefined ? '' : t.compile.cacheHit ? 'cache hit' : 'cache miss',
  ].filter(Boolean);
  lines.push(`  compile   ${ms(t.compile.ms)}${notes.length ? ` (${notes.join(', ')})` : ''}`);
  lines.push(`  upload    ${ms(t.upload.ms)}`);
  const k = t.kernel;
  lines.push(
    `  kernel    ${ms(k.median)} median, min ${ms(k.min)}, p90 ${ms(k.p90)} over ${k.count} samples (${k.timer}, resolution ${k.resolutionMs} ms)`,
  );
  k.passes?.forEach((p, i) => {
    lines.push(`    pass ${i}  ${ms(p.median)} median`);
  });
  if (k.l2Flushed !== undefined)
    lines.push(
      `  L2        ${k.l2Flushed ? 'flushed before every sample' : 'not flushed (warm between samples)'}`,
    );
  lines.push(`  download  ${ms(t.download.ms)}`);
  if (t.queue) lines.push(`  queue     ${ms(t.queue.ms)}`);
  if (t.transport) lines.push(`  transport ${ms(t.transport.ms)}`);
  for (const [name, bytes] of Object.entries(r.outputs)) {
    const binding = w.bindings.find((b) => b.name === name);
    if (binding?.kind === 'storage-texture') {
      lines.push(`  output ${name}: ${describeTexels(binding, bytes)}`);
      continue;
    }
    const element = binding?.element ?? 'bytes';
    lines.push(
      `  output ${name}: ${bytes.byteLength} bytes of ${element}: ${firstValues(bytes, element, 6)}${bytes.byteLength ? ', …' : ''}`,
    );
  }
  for (const warning of r.warnings ?? []) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}
