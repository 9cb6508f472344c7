/**
 * C++ spellings of WGSL types and values, and struct definitions with explicit host-shareable layout
 * (WGSL §14.4): members at their WGSL offsets with explicit padding, `static_assert`s on offsets and
 * sizes, member-wise assignment so padding bytes in buffers are never overwritten (Tint preserve_padding).
 */
import type { Typed } from '../front/consteval';
import { type ScalarKind, type StructType, type Type, typeName } from '../front/types';
import { layoutOf, type TypeLayout } from '../layout';
import type { ModuleNames } from '../namer';
import { handleType } from './texture-types';

export function cppScalar(s: ScalarKind): string {
  switch (s) {
    case 'bool':
      return 'bool';
    case 'i32':
    case 'abstract-int':
      return 'int';
    case 'u32':
      return 'unsigned';
    case 'f32':
    case 'abstract-float':
      return 'float';
    case 'f16':
      return 'duet_f16';
  }
}

/** How `cppType` spells a struct: `ModuleNames` inside `namespace wgsl`, `names.qualified` outside. */
export interface StructNames {
  struct(t: StructType): string;
}

export function cppType(t: Type, names: StructNames): string {
  switch (t.k) {
    case 'scalar':
      return cppScalar(t.s);
    case 'vec':
      return `vec<${cppScalar(t.e)}, ${t.n}>`;
    case 'mat':
      return `mat<${cppScalar(t.e)}, ${t.c}, ${t.r}>`;
    case 'array':
      return t.count === null
        ? `duet_rt<${cppType(t.e, names)}>`
        : `duet_array<${cppType(t.e, names)}, ${t.count}>`;
    case 'struct':
      return names.struct(t);
    case 'atomic':
      return `duet_atomic<${cppScalar(t.e)}>`;
    case 'ptr':
      // A pointer to a buffer is its bytes and length by value (compiler/emit/buffer-view.ts).
      return t.store.k === 'buffer' ? 'duet_buf' : `${cppType(t.store, names)}*`;
    case 'buffer':
      // A binding's buffer is its slot's view; a workgroup buffer<N> holds its N bytes.
      return t.size === null ? 'duet_buf' : `duet_wgbuf<${t.size}>`;
    case 'texture':
    case 'storage_texture':
    case 'sampler':
      return handleType(t);
    case 'void':
      return 'void';
  }
}

export const isBuiltinStruct = (t: StructType): boolean => t.name.startsWith('__');

/** Shortest decimal that round-trips through f32 (or f16 via f32), as a C++ float literal. */
export function floatLiteral(v: number, s: 'f32' | 'f16' = 'f32'): string {
  let text: string;
  if (!Number.isFinite(v)) {
    text = Number.isNaN(v)
      ? 'duet_bitcast<float>(0x7fc00000u)'
      : `duet_bitcast<float>(${v > 0 ? '0x7f800000u' : '0xff800000u'})`;
  } else {
    const f = Math.fround(v);
    text = '';
    for (let p = 1; p <= 9; p++) {
      const c = f.toPrecision(p);
      if (Math.fround(Number(c)) === f) {
        text = c;
        break;
      }
    }
    if (!/[.e]/.test(text)) text += '.0';
    text = `${text.replace('e+', 'e')}f`;
    if (Object.is(f, -0)) text = '-0.0f';
    if (f < 0 || Object.is(f, -0)) text = `(${text})`;
  }
  return s === 'f16' ? `((duet_f16)${text})` : text;
}

/** A constant scalar as a C++ literal of type `s`. */
export function scalarLiteral(k: Typed, s: ScalarKind): string {
  const v = k.value;
  if (typeof v === 'boolean') {
    if (s === 'bool') return String(v);
    return scalarLiteral({ value: v ? 1 : 0, kind: 'abstract-int' }, s);
  }
  if (typeof v === 'bigint') {
    // An AbstractInt beyond 2^53 reaches C++ only converted to a float type (the checker rejects it
    // as i32/u32); the double nearest it is the conversion's value.
    if (s === 'i32' || s === 'u32' || s === 'abstract-int') throw new Error('AbstractInt outside i32/u32');
    return scalarLiteral({ value: Number(v), kind: 'abstract-float' }, s);
  }
  if (typeof v !== 'number') throw new Error('not a scalar constant');
  switch (s) {
    case 'bool':
      return v !== 0 ? 'true' : 'false';
    case 'i32':
    case 'abstract-int': {
      const n = Math.trunc(v) | 0;
      if (n === -0x80000000) return '(-2147483647 - 1)';
      return n < 0 ? `(${n})` : String(n);
    }
    case 'u32':
      return `${Math.trunc(v) >>> 0}u`;
    case 'f32':
    case 'abstract-float':
      return floatLiteral(v);
    case 'f16':
      return floatLiteral(v, 'f16');
  }
}

/** Structs of the module in dependency order (members before the structs that contain them). */
export function orderStructs(structs: StructType[]): StructType[] {
  const out: StructType[] = [];
  const seen = new Set<string>();
  const visit = (t: Type): void => {
    if (t.k === 'array') visit(t.e);
    if (t.k !== 'struct' || seen.has(t.name) || isBuiltinStruct(t)) return;
    seen.add(t.name);
    for (const m of t.members) visit(m.type);
    out.push(t);
  };
  for (const s of structs) visit(s);
  return out;
}

/** C++ definition of a WGSL struct with explicit padding, assertions and a maker function. */
export function structDefinition(t: StructType, names: ModuleNames): string {
  const name = names.struct(t);
  const member = (m: { name: string }) => names.member(t, m.name);
  if (!hostShareable(t)) return plainStruct(t, names);
  const hasRuntimeArray = t.members.length > 0 && lastIsRuntime(t);
  const layout = layoutOf(t) as Extract<TypeLayout, { kind: 'struct' }>;
  const lines: string[] = [`struct ${name} {`];
  let offset = 0;
  let pad = 0;
  const fields = hasRuntimeArray ? t.members.slice(0, -1) : t.members;
  fields.forEach((m, i) => {
    const ml = layout.members[i]!;
    if (ml.offset > offset) lines.push(`  unsigned char duet_pad${pad++}[${ml.offset - offset}];`);
    lines.push(`  ${cppType(m.type, names)} ${member(m)};  // offset ${ml.offset}, ${typeName(m.type)}`);
    offset = ml.offset + ml.layout.size;
  });
  const end = hasRuntimeArray ? layout.members[layout.members.length - 1]!.offset : layout.size;
  if (end > offset) lines.push(`  unsigned char duet_pad${pad++}[${end - offset}];`);
  if (hasRuntimeArray) {
    const rt = t.members[t.members.length - 1]!;
    lines.push(
      `  // ${member(rt)}: ${typeName(rt.type)} at offset ${end}, reached through the binding's view`,
    );
  }
  // Member-wise assignment: copying a whole struct never writes its padding bytes.
  lines.push(`  DUET_MFN ${name}& operator=(const ${name}& duet_o) {`);
  for (const m of fields) lines.push(`    ${member(m)} = duet_o.${member(m)};`);
  lines.push('    return *this;', '  }', '};');
  if (end > 0) lines.push(`static_assert(sizeof(${name}) == ${end}, "WGSL layout of ${t.name}");`);
  // A struct of only a runtime-sized array (`struct Particles { particles: array<Particle> }`) is empty in
  // C++, where sizeof is 1: its view binds at the member's offset, 0 (runtimeMemberOffset), not sizeof.
  else lines.push(`// ${name} has no fixed-size members: empty in C++, its array at offset 0`);
  if (!hasRuntimeArray) {
    const params = fields.map((m) => `${cppType(m.type, names)} ${member(m)}`).join(', ');
    lines.push(`DUET_FN ${name} duet_make_${name}(${params}) {`, `  ${name} duet_r = {};`);
    for (const m of fields) lines.push(`  duet_r.${member(m)} = ${member(m)};`);
    lines.push('  return duet_r;', '}');
  }
  return lines.join('\n');
}

function lastIsRuntime(t: StructType): boolean {
  const last = t.members[t.members.length - 1]!.type;
  return last.k === 'array' && last.count === null;
}

/** Structs with bool members have no host-shareable layout: plain C++ members, no padding. */
function hostShareable(t: Type): boolean {
  if (t.k === 'scalar') return t.s !== 'bool';
  if (t.k === 'vec') return t.e !== 'bool';
  if (t.k === 'array') return hostShareable(t.e);
  if (t.k === 'struct') return t.members.every((m) => hostShareable(m.type));
  return true;
}

function plainStruct(t: StructType, names: ModuleNames): string {
  const name = names.struct(t);
  const member = (m: { name: string }) => names.member(t, m.name);
  const lines = [`struct ${name} {`];
  for (const m of t.members) lines.push(`  ${cppType(m.type, names)} ${member(m)};  // ${typeName(m.type)}`);
  lines.push('};');
  const params = t.members.map((m) => `${cppType(m.type, names)} ${member(m)}`).join(', ');
  lines.push(`DUET_FN ${name} duet_make_${name}(${params}) {`, `  ${name} duet_r = {};`);
  for (const m of t.members) lines.push(`  duet_r.${member(m)} = ${member(m)};`);
  lines.push('  return duet_r;', '}');
  return lines.join('\n');
}

/** Offset of a struct's trailing runtime-sized member in its binding (where the array view starts). */
export function runtimeMemberOffset(t: StructType): number {
  const layout = layoutOf(t) as Extract<TypeLayout, { kind: 'struct' }>;
  return layout.members[layout.members.length - 1]!.offset;
}
