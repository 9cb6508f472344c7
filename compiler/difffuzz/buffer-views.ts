/**
 * Seeded random programs over untyped buffers (language feature `buffer_view`) for the differential
 * fuzzer (exploits/difffuzz/bufferfuzz.test.ts): a read-only `buffer<N>` or `buffer` of random words,
 * a read-write `buffer` compared as an output, and a table of run-time values, exercised by
 * `bufferView<T>`, `bufferArrayView<T>`, `bufferLength` and `arrayLength` with const offsets that fit
 * and run-time offsets, sizes and indices in range, past the end, huge and negative (as i32), so Tint's
 * ClampBufferViewArgs and the runtime-array index clamp are compared with Duet's. Every value is a
 * u32 read or written whole, so both sides must agree exactly. Some run-time offsets are not a multiple
 * of the view type's alignment: Tint rounds them down (propagate_buffer_sizes.cc), and so does Duet.
 * Test-only.
 */
import { mulberry32 } from '../../core/generators';
import type { Binding } from '../../core/workload';
import type { TextureProgram } from './textures';

/** A view type: its WGSL, alignment, size (one element for a runtime-sized array), and u32 reads of it. */
interface ViewType {
  wgsl: string;
  align: number;
  size: number;
  /** Runtime-sized: the stride of its array (bufferArrayView takes it). */
  stride?: number;
  /** Expressions of one u32 read through pointer text `p` (`I` an index expression). */
  reads: ((p: string, i: string) => string)[];
  /** Assignments of u32 `v` through pointer text `p`. */
  writes: ((p: string, i: string, v: string) => string)[];
}

/** Struct `S` of the module (printed once per program, prefixed): a u32 then a vec3u at offset 16. */
const struct = (prefix: string) => `struct ${prefix}S { a: u32, b: vec3u }`;

const TYPES = (prefix: string): ViewType[] => [
  { wgsl: 'u32', align: 4, size: 4, reads: [(p) => `*${p}`], writes: [(p, _i, v) => `*${p} = ${v};`] },
  {
    wgsl: 'vec2u',
    align: 8,
    size: 8,
    reads: [(p) => `${p}.y`, (p) => `(*${p}).x`],
    writes: [(p, _i, v) => `${p}.y = ${v};`],
  },
  {
    wgsl: 'vec4u',
    align: 16,
    size: 16,
    reads: [(p) => `${p}[3]`, (p) => `${p}.z`],
    writes: [(p, _i, v) => `${p}.w = ${v};`, (p, _i, v) => `(*${p})[1] = ${v};`],
  },
  {
    wgsl: `${prefix}S`,
    align: 16,
    size: 32,
    reads: [(p) => `${p}.b.z`, (p) => `${p}.a`],
    writes: [(p, _i, v) => `${p}.b.y = ${v};`],
  },
  {
    wgsl: 'array<u32, 4>',
    align: 4,
    size: 16,
    reads: [(p, i) => `${p}[${i}]`],
    writes: [(p, i, v) => `${p}[${i}] = ${v};`],
  },
  {
    wgsl: 'array<u32>',
    align: 4,
    size: 4,
    stride: 4,
    reads: [(p, i) => `${p}[${i}]`, (p) => `arrayLength(${p})`],
    writes: [(p, i, v) => `${p}[${i}] = ${v};`],
  },
  {
    wgsl: 'array<vec2u>',
    align: 8,
    size: 8,
    stride: 8,
    reads: [(p, i) => `${p}[${i}].x`, (p) => `arrayLength(${p})`],
    writes: [(p, i, v) => `${p}[${i}].y = ${v};`],
  },
];

class BufferViewGen {
  private readonly r: () => number;
  readonly decls: string[] = [];
  readonly body: string[] = [];
  readonly bindings: Binding[] = [];
  readonly words: TextureProgram['words'] = [];
  private readonly runtime: number[] = [];

  constructor(
    seed: number,
    private readonly prefix: string,
    private readonly firstBinding: number,
  ) {
    this.r = mulberry32(seed ^ 0xb0f5);
  }

  private int(n: number): number {
    return this.r() % n;
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private bind(space: string, type: string, b: Record<string, unknown> & { name: string }): string {
    const binding = this.firstBinding + this.bindings.length;
    const name = `${this.prefix}${b.name}`;
    this.decls.push(`@group(0) @binding(${binding}) var<${space}> ${name}: ${type};`);
    this.bindings.push({ ...b, name, group: 0, binding } as unknown as Binding);
    return name;
  }

  /** A run-time u32 from the program's table: `value` read back at run time, so neither side folds it. */
  private runtimeValue(value: number): string {
    this.runtime.push(value >>> 0);
    return `${this.prefix}rt[${this.runtime.length - 1}]`;
  }

  /**
   * An offset for a view of `t` in a buffer of `bytes`: const and fitting (`konst`), or run-time of any
   * size (a const one past the end is a shader-creation error on both sides).
   */
  private offset(t: ViewType, bytes: number): { text: string; konst?: number } {
    const slots = Math.floor((bytes - t.size) / t.align);
    const fitting = this.int(slots + 1) * t.align;
    if (this.int(3) === 0) return { text: `${fitting}u`, konst: fitting };
    const value = this.pick([
      fitting,
      fitting,
      bytes - t.size + t.align * (1 + this.int(4)),
      bytes + t.align * this.int(8),
      0xfffffff0,
      0x7ffffff0,
    ]);
    // Now and then unaligned (rounded down), or as an i32: Tint bitcasts it, so a negative offset is a huge one.
    const skewed = this.int(4) === 0 ? value + this.int(t.align) : value;
    if (this.int(4) === 0) return { text: `i32(${this.runtimeValue(skewed)})` };
    return { text: this.runtimeValue(skewed) };
  }

  private index(): string {
    const value = this.pick([0, 1, 2, 3, 5, 17, 1000, 0xffffffff, 0x80000000]);
    return this.int(3) === 0 ? `${Math.min(value, 3)}u` : this.runtimeValue(value);
  }

  /** `bufferView<T>(&buf, O)`, or `bufferArrayView<T>(&buf, O, S)` for a runtime-sized T. */
  private view(t: ViewType, buf: string, bytes: number): string {
    const o = this.offset(t, bytes);
    if (t.stride === undefined || this.int(2) === 0) return `bufferView<${t.wgsl}>(&${buf}, ${o.text})`;
    // A const size fits after a const offset; run-time ones may not.
    const room = Math.floor((bytes - (o.konst ?? 0)) / t.stride);
    const elements = 1 + this.int(Math.max(1, room));
    const which = this.int(3);
    const size =
      which === 0
        ? `${elements * t.stride}u`
        : this.runtimeValue(
            which === 1
              ? elements * t.stride
              : this.pick([0, 1, bytes * 2, 0xfffffff8, elements * t.stride + 3]),
          );
    return `bufferArrayView<${t.wgsl}>(&${buf}, ${o.text}, ${size})`;
  }

  generate(): TextureProgram {
    const p = this.prefix;
    const srcBytes = 16 * (2 + this.int(15));
    const dstBytes = 16 * (2 + this.int(7));
    const sized = this.int(2) === 0;
    const src = this.bind('storage, read', sized ? `buffer<${srcBytes}>` : 'buffer', {
      name: 'src',
      kind: 'storage-read',
      element: 'u32',
      length: srcBytes / 4,
      init: { random: { seed: this.int(1000), min: 0, max: 4294967295 } },
    });
    const dst = this.bind('storage, read_write', 'buffer', {
      name: 'dst',
      kind: 'storage',
      element: 'u32',
      length: dstBytes / 4,
      init: 'zeros',
      output: true,
    });
    this.decls.push(struct(p));
    const types = TYPES(p);
    const ops = 4 + this.int(8);
    for (let k = 0; k < ops; k++) {
      const t = this.pick(types);
      const what = this.int(5);
      if (what === 0) {
        this.body.push(`out[§ + ${this.words.length}u] = bufferLength(&${this.pick([src, dst])});`);
        this.words.push({ what: 'bufferLength', exact: true });
      } else if (what === 1) {
        const v = this.view(t, dst, dstBytes);
        const i = this.index();
        this.body.push(this.pick(t.writes)(v, i, `0x${(0xa0000000 + k).toString(16)}u`));
      } else {
        const v = this.view(t, src, srcBytes);
        const read = this.pick(t.reads)(v, this.index());
        this.body.push(`out[§ + ${this.words.length}u] = ${read};`);
        this.words.push({ what: read, exact: true });
      }
    }
    this.bind('storage, read', 'array<u32>', {
      name: 'rt',
      kind: 'storage-read',
      element: 'u32',
      length: Math.max(1, this.runtime.length),
      init: { data: this.runtime.length ? this.runtime : [0] },
    });
    return { decls: this.decls, body: this.body, bindings: this.bindings, words: this.words };
  }
}

/** Bindings per program: src, dst and the run-time table. */
export const BUFFER_VIEW_BINDINGS_PER_PROGRAM = 3;

/** Program `seed`, its names prefixed, its bindings numbered from `firstBinding`. */
export function generateBufferViewProgram(
  seed: number,
  prefix: string,
  firstBinding: number,
): TextureProgram {
  return new BufferViewGen(seed, prefix, firstBinding).generate();
}
