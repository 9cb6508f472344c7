/**
 * Presets with named parameters (docs/contracts.md §1, "Presets"): a kernel-library entry describes
 * its workload once, with arithmetic expressions over named parameters (`"length": "N"`,
 * `"dispatch": ["ceil(N / 256)", 1, 1]`) wherever a number goes, so a sweep or the page's form can vary
 * `N`; `resolvePreset` turns it into a plain workload (numbers only) and validates it with
 * `workloadSchema`.
 *
 * Expressions are parsed by a small hand-written recursive-descent parser (never eval/Function):
 * numbers, parameter names, `+ - * / % **`, unary minus, parentheses and the functions in FUNCTIONS.
 * `**` is right-associative and binds tighter than unary minus on its left (`-2 ** 2` = -4), as in
 * Python. `/` is real division: write `ceil(N / 256)` where an integer is needed.
 *
 * `passes` may hold `{ "for": "s", "from": 1, "to": "log2(N)", "passes": [ … ] }` blocks (inclusive
 * range, nestable; the loop variable is usable in the nested expressions) to express pass lists whose
 * length depends on a parameter: bitonic sort stages, ping-pong generations, scan levels.
 */
import { z } from 'zod';
import {
  describeIssues,
  formatPath,
  jsonSchemaRef,
  type Workload,
  type WorkloadIssue,
  workloadSchema,
} from './workload';

// ─── Expressions ─────────────────────────────────────────────────────────────────────────────────

export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'var'; name: string; pos: number }
  | { t: 'neg'; a: Node }
  | { t: 'bin'; op: '+' | '-' | '*' | '/' | '%' | '**'; a: Node; b: Node }
  | { t: 'call'; fn: string; args: Node[]; pos: number };

const FUNCTIONS: Record<string, { arity: [number, number]; f: (...xs: number[]) => number }> = {
  ceil: { arity: [1, 1], f: Math.ceil },
  floor: { arity: [1, 1], f: Math.floor },
  round: { arity: [1, 1], f: Math.round },
  abs: { arity: [1, 1], f: Math.abs },
  sqrt: { arity: [1, 1], f: Math.sqrt },
  log2: { arity: [1, 1], f: Math.log2 },
  min: { arity: [1, 64], f: Math.min },
  max: { arity: [1, 64], f: Math.max },
};

/** The functions expressions may call. */
export const EXPRESSION_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

type Token =
  | { k: 'num'; v: number; pos: number }
  | { k: 'id'; v: string; pos: number }
  | { k: 'op'; v: string; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    if (num) {
      out.push({ k: 'num', v: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (id) {
      out.push({ k: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if (rest.startsWith('**')) {
      out.push({ k: 'op', v: '**', pos: i });
      i += 2;
      continue;
    }
    if ('+-*/%(),'.includes(c)) {
      out.push({ k: 'op', v: c, pos: i });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character '${c}' at column ${i + 1}`);
  }
  return out;
}

/** Parses an expression into a tree; throws ExpressionError with the column of the problem. */
export function parseExpression(src: string): Node {
  if (src.length > 1000) throw new ExpressionError('expression longer than 1000 characters');
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  const peek = () => toks[p];
  const where = () => (p < toks.length ? `column ${toks[p]!.pos + 1}` : 'the end');
  const isOp = (v: string) => {
    const t = toks[p];
    return t !== undefined && t.k === 'op' && t.v === v;
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`expected '${v}' at ${where()}`);
    p++;
  };
  const nest = <T>(f: () => T): T => {
    if (++depth > 64) throw new ExpressionError('expression nested too deeply');
    try {
      return f();
    } finally {
      depth--;
    }
  };

  // sum := product (('+'|'-') product)*
  const sum = (): Node => {
    let a = product();
    while (isOp('+') || isOp('-')) {
      const op = toks[p++]!.v as '+' | '-';
      a = { t: 'bin', op, a, b: product() };
    }
    return a;
  };
  // product := unary (('*'|'/'|'%') unary)*
  const product = (): Node => {
    let a = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = toks[p++]!.v as '*' | '/' | '%';
      a = { t: 'bin', op, a, b: unary() };
    }
    return a;
  };
  // unary := ('-'|'+') unary | power
  const unary = (): Node =>
    nest(() => {
      if (isOp('-')) {
        p++;
        return { t: 'neg', a: unary() };
      }
      if (isOp('+')) {
        p++;
        return unary();
      }
      return power();
    });
  // power := atom ('**' unary)?      (right-associative)
  const power = (): Node => {
    const a = atom();
    if (isOp('**')) {
      p++;
      return { t: 'bin', op: '**', a, b: unary() };
    }
    return a;
  };
  const atom = (): Node => {
    const t = peek();
    if (!t) throw new ExpressionError('unexpected end of expression');
    if (t.k === 'num') {
      p++;
      return { t: 'num', v: t.v };
    }
    if (t.k === 'id') {
      p++;
      if (isOp('(')) {
        const fn = FUNCTIONS[t.v];
        if (!fn || !Object.hasOwn(FUNCTIONS, t.v)) {
          throw new ExpressionError(`unknown function '${t.v}' (known: ${EXPRESSION_FUNCTIONS.join(', ')})`);
        }
        p++;
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(nest(sum));
          while (isOp(',')) {
            p++;
            args.push(nest(sum));
          }
        }
        expect(')');
        const [lo, hi] = fn.arity;
        if (args.length < lo || args.length > hi) {
          throw new ExpressionError(
            `${t.v}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, got ${args.length}`,
          );
        }
        return { t: 'call', fn: t.v, args, pos: t.pos };
      }
      return { t: 'var', name: t.v, pos: t.pos };
    }
    if (t.v === '(') {
      p++;
      const e = nest(sum);
      expect(')');
      return e;
    }
    throw new ExpressionError(`unexpected '${t.v}' at column ${t.pos + 1}`);
  };

  if (toks.length === 0) throw new ExpressionError('empty expression');
  const tree = sum();
  if (p < toks.length) throw new ExpressionError(`unexpected '${toks[p]!.v}' at column ${toks[p]!.pos + 1}`);
  return tree;
}

function evalNode(n: Node, scope: Readonly<Record<string, number>>): number {
  switch (n.t) {
    case 'num':
      return n.v;
    case 'var': {
      if (!Object.hasOwn(scope, n.name)) {
        const known = Object.keys(scope);
        throw new ExpressionError(
          `unknown name '${n.name}' at column ${n.pos + 1}${known.length ? ` (known: ${known.join(', ')})` : ''}`,
        );
      }
      return scope[n.name]!;
    }
    case 'neg':
      return -evalNode(n.a, scope);
    case 'call':
      return FUNCTIONS[n.fn]!.f(...n.args.map((a) => evalNode(a, scope)));
    case 'bin': {
      const a = evalNode(n.a, scope);
      const b = evalNode(n.b, scope);
      switch (n.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          if (b === 0) throw new ExpressionError('division by zero');
          return a / b;
        case '%':
          if (b === 0) throw new ExpressionError('remainder by zero');
          return a % b;
        case '**':
          return a ** b;
      }
    }
  }
}

/** Evaluates an expression (string) or passes a number through; the result must be a finite number. */
export function evaluate(expr: string | number, scope: Readonly<Record<string, number>> = {}): number {
  if (typeof expr === 'number') {
    if (!Number.isFinite(expr)) throw new ExpressionError('not a finite number');
    return expr;
  }
  const v = evalNode(parseExpression(expr), scope);
  if (!Number.isFinite(v)) throw new ExpressionError(`evaluates to ${v}`);
  return v;
}

/** Parameter names an expression refers to (for the page: which fields a slider changes). */
export function expressionNames(expr: string): string[] {
  const names = new Set<string>();
  const walk = (n: Node) => {
    if (n.t === 'var') names.add(n.name);
    else if (n.t === 'neg') walk(n.a);
    else if (n.t === 'bin') {
      walk(n.a);
      walk(n.b);
    } else if (n.t === 'call') for (const a of n.args) walk(a);
  };
  walk(parseExpression(expr));
  return [...names];
}

// ─── Preset schema ───────────────────────────────────────────────────────────────────────────────

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const exprOrNumber = z.union([z.number(), z.string().min(1)]);

export const paramSpecSchema = z
  .object({
    default: z.number(),
    min: z.number(),
    max: z.number(),
    description: z.string().min(1),
    /** Whole numbers only (default true). */
    integer: z.boolean().optional(),
    /** Only powers of two (bitonic sort, …). */
    powerOfTwo: z.boolean().optional(),
    /** Only multiples of this (tile sizes). */
    multipleOf: z.number().int().min(1).optional(),
    /** Unit shown next to the value (`elements`, `px`, …). */
    unit: z.string().optional(),
  })
  .strict();
export type ParamSpec = z.infer<typeof paramSpecSchema>;

export const PRESET_CATEGORIES = [
  'basics',
  'reduction',
  'memory',
  'linear-algebra',
  'image',
  'sorting',
  'simulation',
  'probes',
] as const;
export type PresetCategory = (typeof PRESET_CATEGORIES)[number];

/** A preset as written in shaders/<id>/preset.json. The workload template is checked at resolve time. */
export const presetSchema = z
  .object({
    $schema: jsonSchemaRef,
    title: z.string().min(1).describe('Shown in the kernel library.'),
    summary: z.string().min(1).describe('One or two sentences: what the kernel does and what it shows.'),
    category: z.enum(PRESET_CATEGORIES).describe('The library section it is listed under.'),
    tags: z.array(z.string().min(1)).describe('Words the library search matches.'),
    params: z
      .record(z.string().regex(NAME, 'parameter names are identifiers'), paramSpecSchema)
      .describe('Parameters the page offers, by name; expressions in `workload` use them.'),
    derived: z
      .record(z.string().regex(NAME), exprOrNumber)
      .optional()
      .describe('Names computed from the params, in order (each may use the params and earlier names).'),
    testParams: z
      .array(z.record(z.string(), z.number()))
      .optional()
      .describe("Extra parameter sets the library's tests run besides the defaults."),
    workload: z
      .record(z.string(), z.unknown())
      .describe(
        'The workload, with expressions (strings) wherever a number goes; `wgslFile` names the kernel.',
      ),
    metrics: z
      .object({ bytes: exprOrNumber.optional(), flops: exprOrNumber.optional() })
      .strict()
      .optional()
      .describe('Bytes moved and flops computed by one execution (expressions).'),
  })
  .strict()
  .meta({
    title: 'Duet preset',
    description: 'A kernel of the library with its parameters (shaders/<id>/preset.json, shaders/README.md).',
  });
export type Preset = Omit<z.infer<typeof presetSchema>, '$schema'>;

export class PresetError extends Error {
  override name = 'PresetError';
  constructor(
    message: string,
    /** Where in the preset: `workload.bindings[1].length`, `params.N`. */
    readonly path: string,
    readonly expression?: string,
  ) {
    super(message);
  }
}

export function parsePreset(input: unknown): Preset {
  const r = presetSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new PresetError(`invalid preset: ${formatPath(i.path)}: ${i.message}`, formatPath(i.path));
  }
  const { $schema: _forEditors, ...preset } = r.data;
  return preset;
}

export function defaultParams(preset: Pick<Preset, 'params'>): Record<string, number> {
  return Object.fromEntries(Object.entries(preset.params).map(([k, s]) => [k, s.default]));
}

/** Why `value` is not allowed for the parameter, or null when it is. */
export function checkParam(name: string, spec: ParamSpec, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number`;
  if (value < spec.min || value > spec.max) return `${name} = ${value} is outside ${spec.min}…${spec.max}`;
  if ((spec.integer ?? true) && !Number.isInteger(value)) return `${name} = ${value} must be a whole number`;
  if (spec.powerOfTwo && !(Number.isInteger(value) && value > 0 && Number.isInteger(Math.log2(value)))) {
    return `${name} = ${value} must be a power of two`;
  }
  if (spec.multipleOf && value % spec.multipleOf !== 0)
    return `${name} = ${value} must be a multiple of ${spec.multipleOf}`;
  return null;
}

// ─── Resolution ──────────────────────────────────────────────────────────────────────────────────

/** Keys whose string values are names, not expressions. */
const STRING_KEYS = new Set([
  'name',
  'wgsl',
  'wgslFile',
  'entryPoint',
  'kind',
  'element',
  'format',
  'base64',
  'swap',
  // Texture bindings (core/texture-binding.ts): a dimension and a storage access are names too.
  'dimension',
  'access',
]);
const MAX_PASSES = 4096;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function resolveValue(
  v: unknown,
  path: (string | number)[],
  scope: Record<string, number>,
  key?: string,
): Json {
  if (typeof v === 'string') {
    if (key !== undefined && STRING_KEYS.has(key)) return v;
    if (key === 'init' && v === 'zeros') return v;
    return resolveExpr(v, path, scope);
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  // A sampler's filters and address modes are all names ("linear", {u: "repeat"}): kept as written.
  if (key === 'sampler') return v as Json;
  if (Array.isArray(v)) {
    if (key === 'swap') return v as Json[];
    return v.map((x, i) => resolveValue(x, [...path, i], scope));
  }
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      if (k === 'passes' && Array.isArray(x)) out[k] = resolvePasses(x, [...path, k], scope);
      else out[k] = resolveValue(x, [...path, k], scope, k);
    }
    return out;
  }
  throw new PresetError(`${formatPath(path)}: unexpected ${typeof v}`, formatPath(path));
}

function resolveExpr(
  expr: string | number,
  path: (string | number)[],
  scope: Record<string, number>,
): number {
  try {
    return evaluate(expr, scope);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    const where = formatPath(path);
    throw new PresetError(`${where}: cannot evaluate "${expr}": ${e.message}`, where, String(expr));
  }
}

function resolvePasses(list: unknown[], path: (string | number)[], scope: Record<string, number>): Json[] {
  const out: Json[] = [];
  const walk = (items: unknown[], at: (string | number)[], sc: Record<string, number>) => {
    items.forEach((item, i) => {
      const here = [...at, i];
      if (item && typeof item === 'object' && !Array.isArray(item) && 'for' in item) {
        const f = item as Record<string, unknown>;
        const v = f.for;
        const where = formatPath(here);
        if (typeof v !== 'string' || !NAME.test(v))
          throw new PresetError(`${where}.for: must name a loop variable`, `${where}.for`);
        if (Object.hasOwn(sc, v))
          throw new PresetError(`${where}.for: "${v}" is already a name`, `${where}.for`);
        if (!Array.isArray(f.passes))
          throw new PresetError(`${where}.passes: a for block needs a passes list`, `${where}.passes`);
        for (const k of Object.keys(f)) {
          if (!['for', 'from', 'to', 'passes'].includes(k))
            throw new PresetError(`${where}.${k}: unknown key in a for block`, `${where}.${k}`);
        }
        const from = resolveExpr((f.from ?? 0) as string | number, [...here, 'from'], sc);
        const to = resolveExpr((f.to ?? -1) as string | number, [...here, 'to'], sc);
        if (!Number.isInteger(from) || !Number.isInteger(to)) {
          throw new PresetError(`${where}: loop bounds must be whole numbers (got ${from} … ${to})`, where);
        }
        for (let x = from; x <= to; x++) {
          if (out.length > MAX_PASSES) break;
          walk(f.passes as unknown[], [...here, 'passes'], { ...sc, [v]: x });
        }
      } else {
        if (out.length >= MAX_PASSES) {
          throw new PresetError(`${formatPath(path)}: more than ${MAX_PASSES} passes`, formatPath(path));
        }
        out.push(resolveValue(item, here, sc));
      }
    });
  };
  walk(list, path, scope);
  return out;
}

/** The names expressions may use: the params (checked against their specs), then `derived`. */
export function presetScope(
  preset: Preset,
  paramValues: Record<string, number> = {},
): Record<string, number> {
  for (const k of Object.keys(paramValues)) {
    if (!Object.hasOwn(preset.params, k)) {
      throw new PresetError(
        `unknown parameter "${k}" (known: ${Object.keys(preset.params).join(', ') || 'none'})`,
        `params.${k}`,
      );
    }
  }
  const scope: Record<string, number> = {};
  for (const [k, spec] of Object.entries(preset.params)) {
    const v = Object.hasOwn(paramValues, k) ? paramValues[k]! : spec.default;
    const why = checkParam(k, spec, v);
    if (why) throw new PresetError(why, `params.${k}`);
    scope[k] = v;
  }
  for (const [k, expr] of Object.entries(preset.derived ?? {})) {
    if (Object.hasOwn(scope, k))
      throw new PresetError(`derived.${k}: "${k}" is already a parameter`, `derived.${k}`);
    scope[k] = resolveExpr(expr, ['derived', k], scope);
  }
  return scope;
}

/**
 * Resolves a preset into a plain workload at the given parameter values (the rest at their
 * defaults): every expression evaluated, `for` blocks in `passes` unrolled, `wgslFile` replaced by
 * the given WGSL text, `metrics` filled in, and the result validated with `workloadSchema`.
 * Throws PresetError naming the field (and the expression, when one is to blame).
 */
export function resolvePreset(
  presetInput: Preset | unknown,
  wgsl: string,
  paramValues: Record<string, number> = {},
): Workload {
  const preset = parsePreset(presetInput);
  const scope = presetScope(preset, paramValues);
  const { wgslFile: _file, wgsl: _inline, ...template } = preset.workload;
  const resolved = resolveValue(template, ['workload'], scope) as Record<string, Json>;
  const expressions = collectExpressions(template, []);
  if (preset.metrics) {
    const metrics: Record<string, number> = {};
    for (const [k, e] of Object.entries(preset.metrics)) {
      if (e !== undefined) metrics[k] = resolveExpr(e, ['metrics', k], scope);
    }
    resolved.metrics = metrics;
  }
  const parsed = workloadSchema.safeParse({ ...resolved, wgsl });
  if (!parsed.success) {
    const issues: WorkloadIssue[] = parsed.error.issues.map((i) => {
      const path = formatPath(i.path);
      const expr = expressions.get(path);
      const params = Object.entries(scope)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      const value = i.path.reduce<unknown>(
        (o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey],
        resolved,
      );
      return {
        path,
        message: expr !== undefined ? `${i.message} (${value} from "${expr}" with ${params})` : i.message,
      };
    });
    const first = issues[0]!;
    throw new PresetError(describeIssues(issues), first.path, expressions.get(first.path));
  }
  return parsed.data;
}

/** Template path (as formatPath writes it) → expression string, for error messages. */
function collectExpressions(
  v: unknown,
  path: (string | number)[],
  out = new Map<string, string>(),
): Map<string, string> {
  if (typeof v === 'string') out.set(formatPath(path), v);
  else if (Array.isArray(v)) {
    v.forEach((x, i) => {
      collectExpressions(x, [...path, i], out);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) collectExpressions(x, [...path, k], out);
  }
  return out;
}
