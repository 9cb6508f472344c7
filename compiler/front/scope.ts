/**
 * Module scope: collects the module's declarations (which may appear in any order, WGSL spec §5 "Declaration
 * and scope"), resolves type expressions to semantic types, and evaluates the constants the translator needs
 * as numbers (overrides substituted with given values or their defaults, WGSL §7.2 "override declarations").
 */
import { fail, type Pos } from '../diagnostics';
import { layoutOf } from '../layout';
import type { Attribute, Decl, Expr, FnDecl, Module, StructDecl, VarDecl } from './ast';
import { bufferType, checkBufferVariable, refuseBufferIn } from './buffer-view';
import { type ConstValue, evalConst, type Typed } from './consteval';
import { textureType } from './texture-types';
import {
  type AccessMode,
  type AddressSpace,
  concretizeDefault,
  isHandle,
  type ScalarKind,
  type StructType,
  scalar,
  type Type,
  typeName,
  vec,
} from './types';

/** Predeclared aliases, WGSL §6.2.7 / §6.2.8 (vec3f, vec4u, mat4x4f, vec2h…). */
const SHORT_SUFFIX: Record<string, ScalarKind> = { f: 'f32', i: 'i32', u: 'u32', h: 'f16' };

const SCALAR_NAMES: Record<string, ScalarKind> = {
  bool: 'bool',
  i32: 'i32',
  u32: 'u32',
  f32: 'f32',
  f16: 'f16',
};

const ADDRESS_SPACES = new Set(['function', 'private', 'workgroup', 'uniform', 'storage', 'handle']);

export interface GlobalVar {
  decl: VarDecl;
  type: Type;
  space: AddressSpace;
  access: AccessMode;
  group?: number;
  binding?: number;
}

export interface OverrideInfo {
  decl: VarDecl;
  type: Type;
  value: Typed | undefined;
}

/** What a function-scope name is, for constant evaluation inside a type (see `resolveLocalType`). */
export type LocalNames = (name: string) => { value?: Typed; init?: Expr } | undefined;

export class ModuleScope {
  readonly decls = new Map<string, Decl>();
  readonly fns = new Map<string, FnDecl>();
  readonly enables = new Set<string>();
  private readonly typeCache = new Map<string, Type>();
  private readonly constCache = new Map<string, Typed | undefined>();
  private readonly resolving = new Set<string>();
  /** Function-scope names while `resolveLocalType` runs (see there). */
  private locals?: LocalNames;
  readonly overrides = new Map<string, OverrideInfo>();
  readonly globals = new Map<string, GlobalVar>();

  constructor(
    readonly module: Module,
    private readonly overrideValues: Record<string, number> = {},
  ) {
    for (const d of module.decls) {
      if (d.kind === 'directive') {
        if (d.directive === 'enable') for (const n of d.names) this.enables.add(n);
        continue;
      }
      if (d.kind === 'const_assert') continue;
      const name = d.name;
      if (this.decls.has(name)) fail(d.pos, `redeclaration of '${name}'`);
      this.decls.set(name, d);
      if (d.kind === 'fn') this.fns.set(name, d);
    }
    for (const name of Object.keys(overrideValues)) {
      const d = this.decls.get(name);
      const byId = [...this.decls.values()].find(
        (x) => x.kind === 'var' && x.declKind === 'override' && idOf(x.attrs) === name,
      );
      if ((d?.kind !== 'var' || d.declKind !== 'override') && !byId) {
        fail({ line: 1, col: 1, offset: 0 }, `no override named '${name}' in the module`);
      }
    }
  }

  /** Resolve every module-scope variable, override and struct; reports the first problem. */
  resolveModule(): void {
    for (const d of this.decls.values()) {
      if (d.kind === 'struct') this.structType(d);
      else if (d.kind === 'alias') this.aliasType(d.name);
      else if (d.kind === 'var' && d.declKind === 'override') this.override(d);
      else if (d.kind === 'var' && d.declKind === 'var' && !this.inferred(d)) this.globalVar(d);
    }
  }

  /**
   * The type of a module-scope initializer (`var<private> m = expr;`, WGSL §7.3), given by the checker,
   * which types expressions; such variables resolve when first used.
   */
  inferType?: (init: Expr) => Type;

  private inferred(d: VarDecl): boolean {
    return !d.type && d.init !== undefined && d.space === 'private';
  }

  // ---- types -------------------------------------------------------------------------------------------

  resolveType(e: Expr): Type {
    if (e.kind !== 'ident') fail(e.pos, 'expected a type');
    const { name, targs } = e;
    if (Object.hasOwn(SCALAR_NAMES, name)) {
      this.plain(e);
      const s = SCALAR_NAMES[name]!;
      if (s === 'f16') this.requireF16(e.pos);
      return scalar(s);
    }
    // The four spellings below all start with `vec` or `mat`: other names skip their regexes.
    const vm = name.startsWith('vec') || name.startsWith('mat');
    let m = vm ? /^vec([234])([fiuh])$/.exec(name) : null;
    if (m) {
      this.plain(e);
      const s = SHORT_SUFFIX[m[2]!]!;
      if (s === 'f16') this.requireF16(e.pos);
      return vec(Number(m[1]) as 2 | 3 | 4, s);
    }
    m = vm ? /^mat([234])x([234])([fh])$/.exec(name) : null;
    if (m) {
      this.plain(e);
      const s = SHORT_SUFFIX[m[3]!]!;
      if (s === 'f16') this.requireF16(e.pos);
      return { k: 'mat', c: Number(m[1]) as 2 | 3 | 4, r: Number(m[2]) as 2 | 3 | 4, e: s };
    }
    m = vm ? /^vec([234])$/.exec(name) : null;
    if (m) {
      const el = this.elementArg(e, 1);
      if (el.k !== 'scalar') fail(e.pos, `vector elements must be scalars, not ${typeName(el)}`);
      return vec(Number(m[1]) as 2 | 3 | 4, el.s);
    }
    m = vm ? /^mat([234])x([234])$/.exec(name) : null;
    if (m) {
      const el = this.elementArg(e, 1);
      if (el.k !== 'scalar' || (el.s !== 'f32' && el.s !== 'f16'))
        fail(e.pos, 'matrix elements must be f32 or f16');
      return { k: 'mat', c: Number(m[1]) as 2 | 3 | 4, r: Number(m[2]) as 2 | 3 | 4, e: el.s };
    }
    switch (name) {
      case 'array': {
        if (!targs || targs.length < 1 || targs.length > 2)
          fail(e.pos, 'array takes an element type and an optional count');
        const el = this.resolveType(targs[0]!);
        refuseBufferIn(targs[0]!.pos, el, 'an array element');
        // WGSL §6.2.9: array elements are of a fixed footprint; textures are not (binding_array is not core).
        if (isHandle(el))
          fail(targs[0]!.pos, `an array cannot hold ${typeName(el)} (textures and samplers are handles)`);
        if (targs.length === 1) return { k: 'array', e: el, count: null };
        const count = this.constInt(targs[1]!, 'array element count');
        if (count <= 0) fail(targs[1]!.pos, `array element count must be positive, got ${count}`);
        if (count > 1 << 24)
          fail(targs[1]!.pos, `array element count ${count} is larger than the limit of ${1 << 24}`);
        return { k: 'array', e: el, count };
      }
      case 'atomic': {
        const el = this.elementArg(e, 1);
        if (el.k !== 'scalar' || (el.s !== 'i32' && el.s !== 'u32')) fail(e.pos, 'atomic takes i32 or u32');
        return { k: 'atomic', e: el.s as 'i32' | 'u32' };
      }
      case 'ptr': {
        if (!targs || targs.length < 2 || targs.length > 3)
          fail(e.pos, 'ptr takes an address space, a type and an optional access mode');
        const space = this.enumArg(targs[0]!, ADDRESS_SPACES, 'address space') as AddressSpace;
        const store = this.resolveType(targs[1]!);
        // WGSL §6.4.3: no pointer type has a texture or sampler store type.
        if (isHandle(store))
          fail(
            targs[1]!.pos,
            `there are no pointers to ${typeName(store)} (textures and samplers are handles)`,
          );
        const access = targs[2]
          ? (this.enumArg(targs[2], new Set(['read', 'write', 'read_write']), 'access mode') as AccessMode)
          : defaultAccess(space);
        return { k: 'ptr', space, store, access };
      }
      case 'buffer':
        return bufferType(e, () => this.constInt(targs![0]!, 'buffer size'), this.enables.has('f16'));
      default:
        break;
    }
    const handle = textureType(e, (t) => this.resolveType(t));
    if (handle) return handle;
    const d = this.decls.get(name);
    if (d?.kind === 'struct') {
      this.plain(e);
      return this.structType(d);
    }
    if (d?.kind === 'alias') {
      this.plain(e);
      return this.aliasType(name);
    }
    return fail(e.pos, `unknown type '${name}'`);
  }

  /** A type name that takes no template arguments must have none. */
  private plain(e: Extract<Expr, { kind: 'ident' }>): void {
    if (e.targs) fail(e.pos, `type '${e.name}' takes no template arguments`);
  }

  private requireF16(pos: Pos): void {
    if (!this.enables.has('f16')) fail(pos, "f16 requires 'enable f16;' at the top of the module");
  }

  private elementArg(e: Extract<Expr, { kind: 'ident' }>, n: number): Type {
    if (!e.targs || e.targs.length !== n)
      fail(e.pos, `'${e.name}' takes ${n} template argument${n > 1 ? 's' : ''}`);
    return this.resolveType(e.targs[0]!);
  }

  private enumArg(e: Expr, allowed: Set<string>, what: string): string {
    if (e.kind !== 'ident' || !allowed.has(e.name)) fail(e.pos, `expected ${what}`);
    return e.name;
  }

  private aliasType(name: string): Type {
    return this.atModuleScope(() => this.aliasTypeAt(name));
  }

  private aliasTypeAt(name: string): Type {
    const cached = this.typeCache.get(name);
    if (cached) return cached;
    const d = this.decls.get(name);
    if (d?.kind !== 'alias') throw new Error(`not an alias: ${name}`);
    if (this.resolving.has(name)) fail(d.pos, `alias '${name}' refers to itself`);
    this.resolving.add(name);
    const t = this.resolveType(d.type);
    this.resolving.delete(name);
    this.typeCache.set(name, t);
    return t;
  }

  structType(d: StructDecl): StructType {
    return this.atModuleScope(() => this.structTypeAt(d));
  }

  private structTypeAt(d: StructDecl): StructType {
    const cached = this.typeCache.get(d.name);
    if (cached) return cached as StructType;
    if (this.resolving.has(d.name)) fail(d.pos, `struct '${d.name}' contains itself`);
    if (d.members.length === 0) fail(d.pos, `struct '${d.name}' has no members`);
    this.resolving.add(d.name);
    const seen = new Set<string>();
    const members = d.members.map((m, i) => {
      if (seen.has(m.name)) fail(m.pos, `duplicate member '${m.name}'`);
      seen.add(m.name);
      const type = this.resolveType(m.type);
      if (type.k === 'array' && type.count === null && i !== d.members.length - 1) {
        fail(m.pos, 'a runtime-sized array must be the last member of a struct');
      }
      if (type.k === 'ptr') fail(m.pos, 'struct members cannot be pointers');
      refuseBufferIn(m.pos, type, 'a struct member');
      if (isHandle(type))
        fail(m.pos, `struct members cannot be ${typeName(type)} (textures and samplers are handles)`);
      const align = this.intAttr(m.attrs, 'align');
      const size = this.intAttr(m.attrs, 'size');
      if (align !== undefined && (align <= 0 || (align & (align - 1)) !== 0)) {
        fail(m.pos, '@align must be a positive power of two');
      }
      // WGSL section 14.4.1 (@size): at least the member's byte-size, and only where that size is fixed.
      if (size !== undefined) {
        if (type.k === 'array' && type.count === null)
          fail(m.pos, '@size cannot be applied to a runtime-sized array');
        const need = layoutOf(type).size;
        if (size < need)
          fail(
            m.pos,
            `@size(${size}) is smaller than ${typeName(type)} (${need} bytes); it must be at least that`,
          );
      }
      return { name: m.name, type, align, size };
    });
    this.resolving.delete(d.name);
    const t: StructType = { k: 'struct', name: d.name, members };
    this.typeCache.set(d.name, t);
    return t;
  }

  private intAttr(attrs: Attribute[], name: string): number | undefined {
    const a = attrs.find((x) => x.name === name);
    if (!a) return undefined;
    if (a.args.length !== 1) fail(a.pos, `@${name} takes one argument`);
    return this.constInt(a.args[0]!, `@${name}`);
  }

  // ---- constants ----------------------------------------------------------------------------------------

  /** Evaluate a module-level constant expression to an integer, or fail at its position. */
  constInt(e: Expr, what: string): number {
    const v = this.constValue(e);
    if (!v || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.kind === 'bool') {
      // The usual cause: an override the workload gives no value (`@workgroup_size(WG)`).
      const missing = this.overrideWithoutValue(e);
      if (missing)
        fail(missing.pos, `override '${missing.name}' has no value; give one in the workload's overrides`);
      fail(e.pos, `${what} must be a constant integer expression`);
    }
    return v.value;
  }

  /** An identifier in `e` naming an override that has no value (no default, none given). */
  private overrideWithoutValue(e: Expr): { name: string; pos: Pos } | undefined {
    const stack: unknown[] = [e];
    while (stack.length) {
      const n = stack.pop();
      if (typeof n !== 'object' || n === null) continue;
      if (Array.isArray(n)) {
        stack.push(...n);
        continue;
      }
      const node = n as Partial<Extract<Expr, { kind: 'ident' }>>;
      if (node.kind === 'ident' && node.name && node.pos) {
        const d = this.decls.get(node.name);
        if (d?.kind === 'var' && d.declKind === 'override' && !this.override(d).value) {
          return { name: node.name, pos: node.pos };
        }
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'pos') stack.push(v);
    }
    return undefined;
  }

  constValue(e: Expr): Typed | undefined {
    // A function-scope name (`this.locals`, while the checker resolves a type in a function) hides a
    // module-scope one; only a function-scope `const` has a value (WGSL §7.2, §8.8).
    const local = (n: string) => this.locals?.(n);
    return evalConst(e, {
      lookup: (n) => {
        const l = local(n);
        return l ? l.value : this.lookupConst(n);
      },
      // A module function named like a builtin (`fn clamp(…)`) is not folded as the builtin.
      shadowed: (n) => this.fns.has(n) || local(n) !== undefined,
      constInit: (n) => {
        const l = local(n);
        if (l) return l.init;
        const d = this.decls.get(n);
        return d?.kind === 'var' && d.declKind === 'const' ? d.init : undefined;
      },
      isOverride: (n) => {
        if (local(n)) return false;
        const d = this.decls.get(n);
        return d?.kind === 'var' && d.declKind === 'override';
      },
    });
  }

  /**
   * `resolveType` of a type written inside a function (`var a: array<u32, n>;` with `const n = 4;`
   * declared before it), with the function-scope names `locals` finds in view: undefined when `name`
   * is not one, `{}` for a `let`/`var`/parameter, its value and initializer for a `const`.
   */
  resolveLocalType(e: Expr, locals: LocalNames): Type {
    const saved = this.locals;
    this.locals = locals;
    try {
      return this.resolveType(e);
    } finally {
      this.locals = saved;
    }
  }

  /** Run `f` with no function-scope names in view: module-scope declarations see only module scope. */
  private atModuleScope<T>(f: () => T): T {
    const saved = this.locals;
    this.locals = undefined;
    try {
      return f();
    } finally {
      this.locals = saved;
    }
  }

  private lookupConst(name: string): Typed | undefined {
    return this.atModuleScope(() => this.lookupConstAt(name));
  }

  private lookupConstAt(name: string): Typed | undefined {
    if (this.constCache.has(name)) return this.constCache.get(name);
    const d = this.decls.get(name);
    if (d?.kind !== 'var' || (d.declKind !== 'const' && d.declKind !== 'override')) return undefined;
    if (d.declKind === 'override') return this.override(d).value;
    if (this.resolving.has(name)) fail(d.pos, `'${name}' depends on itself`);
    this.resolving.add(name);
    let v = d.init ? this.constValue(d.init) : undefined;
    if (v && d.type) v = this.convertTo(v, this.resolveType(d.type));
    this.resolving.delete(name);
    this.constCache.set(name, v);
    return v;
  }

  private convertTo(v: Typed, t: Type): Typed | undefined {
    if (t.k === 'scalar' && t.s === 'bool') {
      return typeof v.value === 'object'
        ? undefined
        : { value: v.value !== 0 && v.value !== false, kind: 'bool' };
    }
    if (t.k !== 'scalar' || typeof v.value !== 'number') return undefined;
    return evalConst(
      {
        kind: 'call',
        pos: { line: 0, col: 0, offset: 0 },
        callee: { kind: 'ident', pos: { line: 0, col: 0, offset: 0 }, name: t.s },
        args: [literalExpr(v)],
      },
      { lookup: () => undefined },
    );
  }

  override(d: VarDecl): OverrideInfo {
    return this.atModuleScope(() => this.overrideAt(d));
  }

  private overrideAt(d: VarDecl): OverrideInfo {
    const have = this.overrides.get(d.name);
    if (have) return have;
    if (this.resolving.has(d.name)) fail(d.pos, `override '${d.name}' depends on itself`);
    this.resolving.add(d.name);
    let type: Type | undefined = d.type ? this.resolveType(d.type) : undefined;
    const id = idOf(d.attrs);
    const given = this.overrideValues[d.name] ?? (id !== undefined ? this.overrideValues[id] : undefined);
    let value: Typed | undefined;
    if (given !== undefined) {
      value = { value: given, kind: 'abstract-float' };
      if (Number.isInteger(given)) value = { value: given, kind: 'abstract-int' };
    } else if (d.init) {
      value = this.constValue(d.init);
    }
    if (!type) {
      // The type of an initializer that depends on overrides without values: evaluate with stand-ins.
      const shape = value ?? (d.init ? this.typeProbe(d.init) : undefined);
      if (!shape) fail(d.pos, `override '${d.name}' needs a type or an initializer`);
      type = scalar(
        shape.kind === 'abstract-int' ? 'i32' : shape.kind === 'abstract-float' ? 'f32' : shape.kind,
      );
    }
    if (type.k !== 'scalar') fail(d.pos, 'overrides must have a scalar type');
    if (value) {
      const converted = this.convertTo(value, type);
      // A finite value beyond f32/f16 range is a pipeline-creation error, not infinity (WGSL
      // section 15.7.6 "Floating Point Conversion", for override-expressions).
      const overflowed =
        converted &&
        typeof value.value === 'number' &&
        Number.isFinite(value.value) &&
        typeof converted.value === 'number' &&
        !Number.isFinite(converted.value);
      if (!converted || overflowed)
        fail(
          d.pos,
          `value ${String(value.value)} does not fit override '${d.name}' of type ${typeName(type)}`,
        );
      value = converted;
    }
    this.resolving.delete(d.name);
    const info: OverrideInfo = { decl: d, type, value };
    this.overrides.set(d.name, info);
    return info;
  }

  /** Evaluate an override expression with 1 (or true) for every override that has no value: for its type only. */
  private typeProbe(e: Expr): Typed | undefined {
    return evalConst(e, {
      lookup: (n) => {
        const v = this.lookupConst(n);
        if (v) return v;
        const d = this.decls.get(n);
        if (d?.kind !== 'var' || d.declKind !== 'override' || !d.type) return undefined;
        const t = this.resolveType(d.type);
        if (t.k !== 'scalar') return undefined;
        return { value: t.s === 'bool' ? true : 1, kind: t.s };
      },
    });
  }

  globalVar(d: VarDecl): GlobalVar {
    const have = this.globals.get(d.name);
    if (have) return have;
    if (!d.space) return this.handleVar(d);
    const space = d.space as AddressSpace;
    if (!ADDRESS_SPACES.has(space) || space === 'function' || space === 'handle') {
      fail(d.pos, `address space '${space}' is not valid for a module-scope variable`);
    }
    let type: Type;
    if (this.inferred(d) && this.inferType) {
      if (this.resolving.has(`var ${d.name}`)) fail(d.pos, `'${d.name}' is initialized from itself`);
      this.resolving.add(`var ${d.name}`);
      // The initializer's type, abstract types concretized (WGSL §6.4), as for a function-scope `var`.
      type = concretizeDefault(this.inferType(d.init!));
      this.resolving.delete(`var ${d.name}`);
    } else {
      if (!d.type) fail(d.pos, `module-scope variable '${d.name}' needs a type`);
      type = this.resolveType(d.type);
    }
    if (isHandle(type))
      fail(
        d.pos,
        `${typeName(type)} cannot be in the ${space} address space; declare it without one: \`var ${d.name}: ${typeName(type)};\` (WGSL §7.3)`,
      );
    if (type.k === 'buffer') checkBufferVariable(d.pos, d.name, type, space);
    let access: AccessMode = defaultAccess(space);
    if (d.access) {
      if (space !== 'storage') fail(d.pos, `only storage variables take an access mode`);
      if (d.access !== 'read' && d.access !== 'read_write')
        fail(d.pos, `access mode must be read or read_write`);
      access = d.access;
    }
    const g: GlobalVar = { decl: d, type, space, access };
    if (space === 'uniform' || space === 'storage') this.bind(g, space);
    if (space === 'workgroup' && d.init) fail(d.init.pos, 'workgroup variables cannot have an initializer');
    this.globals.set(d.name, g);
    return g;
  }

  /** `@group(g) @binding(b)` of a resource variable, which has no initializer (WGSL §13.3.2). */
  private bind(g: GlobalVar, what: string): void {
    const d = g.decl;
    const group = this.intAttr(d.attrs, 'group');
    const binding = this.intAttr(d.attrs, 'binding');
    if (group === undefined || binding === undefined)
      fail(d.pos, `${what} variable '${d.name}' needs @group and @binding`);
    // WGSL section 13.3.2: both are non-negative (Tint: "'@binding' value must be non-negative").
    for (const [name, v] of [
      ['group', group],
      ['binding', binding],
    ] as const)
      if (v < 0) fail(d.attrs.find((a) => a.name === name)!.pos, `@${name} must be non-negative, got ${v}`);
    g.group = group;
    g.binding = binding;
    if (d.init) fail(d.init.pos, `${what} variables cannot have an initializer`);
  }

  /**
   * A module-scope `var` without an address space: a texture or sampler, in the handle address space
   * (WGSL §7.3 "var Declarations", §13.3.2 "Resource Interface"). Read-only, like a uniform.
   */
  private handleVar(d: VarDecl): GlobalVar {
    if (!d.type)
      fail(
        d.pos,
        `'${d.name}' needs a type: a module-scope var without an address space is a texture or sampler`,
      );
    const type = this.resolveType(d.type);
    if (!isHandle(type))
      fail(
        d.type.pos,
        `a module-scope var without an address space must be a texture or sampler, not ${typeName(type)} (write var<private> or var<storage>)`,
      );
    if (d.access) fail(d.pos, 'only storage variables take an access mode');
    const g: GlobalVar = {
      decl: d,
      type,
      space: 'handle',
      access: type.k === 'storage_texture' ? type.access : 'read',
    };
    this.bind(g, typeName(type));
    this.globals.set(d.name, g);
    return g;
  }
}

export function idOf(attrs: Attribute[]): string | undefined {
  const a = attrs.find((x) => x.name === 'id');
  const arg = a?.args[0];
  return arg?.kind === 'lit' ? arg.text.replace(/[iu]$/, '') : undefined;
}

export function defaultAccess(space: AddressSpace): AccessMode {
  return space === 'uniform' || space === 'storage' ? 'read' : 'read_write';
}

function literalExpr(v: Typed): Expr {
  const pos = { line: 0, col: 0, offset: 0 };
  const value = v.value as ConstValue;
  if (typeof value === 'boolean') return { kind: 'lit', pos, text: String(value), litKind: 'bool' };
  const n = value as number;
  const isInt = v.kind === 'abstract-int' || v.kind === 'i32' || v.kind === 'u32';
  const suffix =
    v.kind === 'i32' ? 'i' : v.kind === 'u32' ? 'u' : v.kind === 'f32' ? 'f' : v.kind === 'f16' ? 'h' : '';
  const text = isInt ? `${Math.abs(n)}${suffix}` : `${Math.abs(n).toExponential()}${suffix}`;
  const lit: Expr = { kind: 'lit', pos, text, litKind: isInt ? 'int' : 'float' };
  return n < 0 || Object.is(n, -0) ? { kind: 'unary', pos, op: '-', operand: lit } : lit;
}
