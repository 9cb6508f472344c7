/**
 * One registry of C++ names per generated module (naga's proc::Namer is the model). It first reserves
 * every name the output may hold besides the user's: C, C++ and CUDA keywords and built-ins, the system
 * headers' macros (header-macros.ts), every name the preludes define (read from their text), and the
 * names the emitter writes itself (context members, entry-point locals). Then it hands out names: a
 * WGSL name as written where free, else with a numeric suffix; generated temporaries come from it too.
 * A C++ name is never handed out twice in a module, so no declaration can hide another in C++ (the
 * old renaming did that: an access clamped for one array hit another) and WGSL's scoping (§5: "the
 * scope of a declaration begins just after its end") needs nothing from C++'s.
 */
import { HEADER_MACROS } from './emit/header-macros';
import type { ModuleScope } from './front/scope';
import type { StructType } from './front/types';
import { COMMON } from './preludes/common';
import { CPU_RUNTIME } from './preludes/cpu_runtime';
import { CUDA_RUNTIME } from './preludes/cuda_runtime';
import { SUBGROUPS } from './preludes/subgroups';

/** C++ keywords (C++20 [lex.key]) and alternative tokens, plus a few contextual words. */
export const CPP_KEYWORDS = `alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
  char32_t class compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield
  decltype default delete do double dynamic_cast else enum explicit export extern false final float for friend goto
  if import inline int long module mutable namespace new noexcept not not_eq nullptr operator or or_eq override
  private protected public register reinterpret_cast requires restrict return short signed sizeof static
  static_assert static_cast struct switch template this thread_local throw true try typedef typeid typename typeof
  union unsigned using virtual void volatile wchar_t while xor xor_eq`;

/** Names from the C library and GCC that may be macros or builtins without being in the header list. */
const C_NAMES = `NULL EOF errno assert INFINITY NAN HUGE_VAL major minor unix linux stdin stdout stderr std
  int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t size_t ssize_t ptrdiff_t uintptr_t intptr_t
  offsetof alloca`;

/** CUDA built-in variables and vector types NVRTC declares without any include. */
const CUDA_NAMES = `threadIdx blockIdx blockDim gridDim warpSize dim3 half half2 nv_bfloat16
  char1 char2 char3 char4 uchar1 uchar2 uchar3 uchar4 short1 short2 short3 short4 ushort1 ushort2 ushort3 ushort4
  int1 int2 int3 int4 uint1 uint2 uint3 uint4 long1 long2 long3 long4 ulong1 ulong2 ulong3 ulong4
  longlong1 longlong2 longlong3 longlong4 ulonglong1 ulonglong2 ulonglong3 ulonglong4
  float1 float2 float3 float4 double1 double2 double3 double4 make_uint4 make_float4 make_int4`;

/**
 * What the emitter writes besides user names (compiler/emit/module.ts and the files it uses): the
 * namespace, the context parameter and its members, the entry points' parameters, and `main` (kept
 * off so a test harness may define it next to a module).
 */
const GENERATED = 'wgsl ctx p wg control stopped lane main';

/** Generated names start with this (any case); a WGSL name that does gets a `w_` in front. */
const GENERATED_PREFIX = /^duet/i;

/** Identifiers, and numbers as whole tokens (so `1u` holds no `u`); callers keep the identifiers. */
const WORDS = /\d[\w.]*|[A-Za-z_]\w*/g;
const words = (text: string): string[] => (text.match(WORDS) ?? []).filter((w) => !/^\d/.test(w));

/**
 * The names a prelude declares that generated code could meet: every macro (its name, and the names
 * an expression-like body uses: it may be expanded inside generated code), every name declared at
 * namespace scope (outside braces, parentheses and template argument lists), every name used with
 * `::`, and every name with the generated prefix anywhere (enumerators, names made by macro
 * invocations); the body of a macro the prelude #undefs again is not scanned. Parameters, template parameters and locals of the preludes' own functions are left
 * out: user names may repeat them. compiler/namer.test.ts checks the result against g++.
 */
export function preludeNames(text: string): Set<string> {
  const out = new Set<string>();
  const src = text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/\\\n/g, ' ');
  // A macro the prelude #undefs again cannot be expanded in the generated code that follows it: its
  // name stays reserved, the names in its body do not (a helper macro local to one function).
  const undone = new Set([...src.matchAll(/^\s*#\s*undef\s+(\w+)/gm)].map((m) => m[1]!));
  const code: string[] = [];
  for (const line of src.split('\n')) {
    const d = /^\s*#\s*(\w+)\s*(.*)$/.exec(line);
    if (!d) {
      code.push(line);
      continue;
    }
    if (d[1] === 'define') {
      const m = /^(\w+)(?:\(([^)]*)\))?(.*)$/.exec(d[2]!);
      if (m) {
        const params = new Set((m[2] ?? '').split(',').map((s) => s.trim()));
        out.add(m[1]!);
        if (undone.has(m[1]!)) continue;
        // An expression-like body is expanded inside generated code: all its names count. A body that
        // declares (has braces) is scanned like namespace-scope code, without the macro's parameters.
        const body = m[3]!.replace(WORDS, (id) => (params.has(id) ? ' ' : id));
        if (body.includes('{')) code.push(body);
        else for (const id of words(body)) out.add(id);
      }
    } else if (d[1] !== 'include') {
      for (const id of words(d[2]!)) if (id !== 'defined') out.add(id);
    }
  }
  const tokens =
    code.join('\n').match(/operator\s*(?:\(\)|\[\]|[^\s\w(]+)|[A-Za-z_]\w*|\d[\w.]*|::|\S/g) ?? [];
  const templateParams = new Set<string>();
  let braces = 0;
  let parens = 0;
  let angles = 0;
  let inTemplate = false;
  let prev = '';
  for (const t of tokens) {
    if (t === '{') braces++;
    else if (t === '}') braces--;
    else if (t === '(' || t === '[') parens++;
    else if (t === ')' || t === ']') parens--;
    else if (t === '<' && prev === 'template') inTemplate = true;
    else if (inTemplate && /^[,>=]$/.test(t)) {
      if (/^[A-Za-z_]\w*$/.test(prev)) templateParams.add(prev);
      if (t === '>') inTemplate = false;
    } else if (braces === 0 && parens === 0 && t === '<' && /^\w+$/.test(prev)) angles++;
    else if (angles > 0 && t === '>') angles--;
    else if (/^[A-Za-z_]/.test(t) && !t.startsWith('operator')) {
      if (GENERATED_PREFIX.test(t)) out.add(t);
      else if (braces === 0 && parens === 0 && angles === 0 && !inTemplate) out.add(t);
    } else if (t === '::' && /^[A-Za-z_]\w*$/.test(prev)) out.add(prev);
    prev = t;
  }
  // A template's parameters (`T`, `N`) are names of that template only.
  for (const p of templateParams) if (!GENERATED_PREFIX.test(p)) out.delete(p);
  for (const k of CPP_KEYWORDS.split(/\s+/)) out.delete(k);
  return out;
}

const PRELUDES = [COMMON, CPU_RUNTIME, CUDA_RUNTIME, SUBGROUPS];

/** Every name the registry never hands out to a user declaration. */
export const RESERVED: ReadonlySet<string> = new Set([
  ...`${CPP_KEYWORDS} ${C_NAMES} ${CUDA_NAMES} ${GENERATED}`.split(/\s+/).filter(Boolean),
  ...HEADER_MACROS,
  ...PRELUDES.flatMap((p) => [...preludeNames(p)]),
]);

/**
 * A WGSL identifier made a C++ identifier no implementation reserves (C++ [lex.name]: names with `__`
 * or starting with `_`) and outside the generated prefix. Not injective (`_x` and `w_x` meet): the
 * registry tells them apart.
 */
export function sanitize(name: string): string {
  let s = name;
  while (s.includes('__')) s = s.replace(/__/g, '_U_');
  if (s.startsWith('_') || GENERATED_PREFIX.test(s)) s = `w${s.startsWith('_') ? '' : '_'}${s}`;
  return s;
}

/**
 * An entry point's part of its kernel symbol: the executor accepts `duet_k_` followed by at most 193
 * ASCII letters, digits and `_` (daemon/executor/src/run_request.cpp), so other characters become
 * `uXXXX` (`主` → `u4e3b`) and a long name is cut; the registry keeps the symbols apart.
 */
function symbolSafe(name: string): string {
  const ascii = [...name].map((ch) => (/\w/.test(ch) ? ch : `u${ch.codePointAt(0)!.toString(16)}`)).join('');
  return ascii.slice(0, 160);
}

/** `a` + 1 → `a_1`; `p_` + 1 → `p_1` (never a `__`). */
function suffixed(base: string, n: number): string {
  return base.endsWith('_') ? `${base}${n}` : `${base}_${n}`;
}

const none = (): string[] => [];

export class Namer {
  private readonly taken = new Set<string>();
  private readonly counters = new Map<string, number>();

  /** `parent`: a registry whose names this one must also avoid (struct members avoid module names). */
  constructor(private readonly parent?: Namer) {}

  isFree(name: string): boolean {
    return !RESERVED.has(name) && !this.taken.has(name) && (this.parent?.isFree(name) ?? true);
  }

  /**
   * A C++ name for a WGSL declaration: the name as written when free, `name_` for a reserved word,
   * else the first free `name_N`. `derived` lists names the emitter will make from the result
   * (`duet_make_S` for struct S): those must be free too, and are taken with it.
   */
  name(wgsl: string, derived: (c: string) => string[] = none): string {
    return this.unique(sanitize(wgsl), derived);
  }

  /** Like `name`, for a base that is already a C++ identifier (a generated or composed name). */
  unique(base: string, derived: (c: string) => string[] = none): string {
    let c = RESERVED.has(base) ? `${base}_` : base;
    for (let n = 1; !this.isFreeWith(c, derived); n++) c = suffixed(base, n);
    this.taken.add(c);
    for (const d of derived(c)) this.taken.add(d);
    return c;
  }

  /** `c` and the names derived from it are all free. */
  private isFreeWith(c: string, derived: (c: string) => string[]): boolean {
    if (!this.isFree(c)) return false;
    for (const d of derived(c)) if (!this.isFree(d)) return false;
    return true;
  }

  /** A fresh generated name `${prefix}N` (temporaries, loop counters, labels). */
  fresh(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0;
    while (!this.isFree(`${prefix}${n}`)) n++;
    this.counters.set(prefix, n + 1);
    this.taken.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  }
}

/** C++ spellings of the structs WGSL's built-in functions return (declared in the common prelude). */
function builtinStructName(name: string): string | undefined {
  if (!name.startsWith('__')) return undefined; // a user struct (WGSL names never start with `__`)
  if (name === '__modf_result_f32') return 'duet_modf_f32';
  if (name === '__frexp_result_f32') return 'duet_frexp_f32';
  const v = /^__(modf|frexp)_result_vec([234])_f32$/.exec(name);
  if (v) return `duet_${v[1]}_vec<${v[2]}>`;
  const m = /^__atomic_compare_exchange_result_(i32|u32)$/.exec(name);
  if (m) return `duet_cmpxchg_result<${m[1] === 'i32' ? 'int' : 'unsigned'}>`;
  return undefined;
}

/**
 * The names of one generated module. Module-scope declarations are named first, in source order, so
 * they keep their spelling; then each struct's members (in their own C++ scope, avoiding every
 * module name so no member can hide a type); function-scope names and temporaries are handed out as
 * the checker and the emitter meet them.
 */
export class ModuleNames {
  private readonly namer = new Namer();
  private readonly module = new Map<string, string>();
  private readonly members = new Map<string, Map<string, string>>();
  private readonly entries = new Map<string, string>();
  private readonly views = new Map<string, string>();

  constructor(scope: ModuleScope) {
    for (const [name, d] of scope.decls) {
      if (d.kind === 'alias') continue;
      // A struct S comes with its maker function `duet_make_S` (compiler/emit/types.ts).
      const derived = d.kind === 'struct' ? (c: string) => [`duet_make_${c}`] : undefined;
      this.module.set(name, this.namer.name(name, derived));
    }
    for (const f of scope.fns.values()) {
      if (!f.attrs.some((a) => a.name === 'compute')) continue;
      const symbol = this.namer.unique(`duet_k_${symbolSafe(sanitize(f.name))}`, (c) => [
        `duet_body_${c.slice(7)}`,
      ]);
      this.entries.set(f.name, symbol);
    }
    for (const d of scope.decls.values()) {
      if (d.kind !== 'struct') continue;
      const names = new Namer(this.namer);
      this.members.set(d.name, new Map(d.members.map((m) => [m.name, names.name(m.name)])));
    }
    for (const g of scope.globals.values()) {
      const t = g.type;
      if (g.space !== 'storage' && g.space !== 'uniform') continue;
      if (t.k !== 'struct') continue;
      const last = t.members[t.members.length - 1];
      if (last?.type.k !== 'array' || last.type.count !== null) continue;
      const base = this.module.get(g.decl.name)!;
      const member = this.member(t, last.name);
      this.views.set(g.decl.name, this.namer.unique(`${base}${base.endsWith('_') ? '' : '_'}${member}`));
    }
  }

  /** A module-scope declaration (function, struct, variable, constant). */
  of(name: string): string {
    const c = this.module.get(name);
    if (c === undefined) throw new Error(`internal: no C++ name for module-scope '${name}'`);
    return c;
  }

  struct(t: StructType): string {
    return builtinStructName(t.name) ?? this.of(t.name);
  }

  /**
   * Struct spellings for code outside `namespace wgsl` (the entry points, which say `using namespace
   * wgsl`): there a user struct `tm` would be ambiguous with the C library's, so it is `wgsl::tm`.
   */
  readonly qualified = { struct: (t: StructType) => builtinStructName(t.name) ?? `wgsl::${this.of(t.name)}` };

  member(t: StructType, member: string): string {
    if (builtinStructName(t.name)) return member; // declared with these names in the prelude
    const c = this.members.get(t.name)?.get(member);
    if (c === undefined) throw new Error(`internal: no C++ name for ${t.name}.${member}`);
    return c;
  }

  /** The context member viewing a storage struct's runtime-sized last member. */
  view(binding: string): string {
    const c = this.views.get(binding);
    if (c === undefined) throw new Error(`internal: no view for '${binding}'`);
    return c;
  }

  /** The extern "C" symbol of an entry point (`duet_k_<name>`); `duet_body_<name>` goes with it. */
  entry(name: string): string {
    const c = this.entries.get(name);
    if (c === undefined) throw new Error(`internal: no symbol for entry point '${name}'`);
    return c;
  }

  /** A function-scope declaration (parameter, `var`, `let`, `const`): a name no other has. */
  local(name: string): string {
    return this.namer.name(name);
  }

  /** A generated temporary, loop counter or label. */
  temp(prefix = 'duet_t'): string {
    return this.namer.fresh(prefix);
  }
}
