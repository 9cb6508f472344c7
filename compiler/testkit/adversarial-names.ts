/**
 * Random WGSL programs whose names are chosen to meet after translation (`a`, `a_1`, `a_1_1`, the
 * emitter's own names, names equal after escaping), scalars and arrays of different lengths (read and
 * written at dynamic, often out-of-range indices), declared and shadowed in nested blocks, `if`s,
 * `for` loops and `loop`/`continuing`, before and after calls. Each program writes values to `out`;
 * a small interpreter that follows WGSL's scoping (§5: a declaration's scope begins just after its
 * end; §9.4.5: `continuing` sees the loop body's declarations) gives the expected words. Used by
 * compiler/namer.property.test.ts and compiler/fuzz.test.ts. Test-only.
 */
import { mulberry32 } from '../../core/generators';

/** Names that collided, or could, with the old renaming or with generated names. */
export const ADVERSARIAL_NAMES = [
  'a',
  'a_1',
  'a_1_1',
  'a_2',
  '_a',
  'w_a',
  'a__b',
  'a_U_b',
  'p',
  'p_',
  'p_1',
  'x',
  'x_1',
  'duet_t0',
  'duet_t1',
  'duet_it0',
  'duet_continue_0',
  'duet_make_S',
  'duet_init_private',
  'duet_k_main',
  'ctx',
  'lane',
  'control',
  'stopped',
  'wg',
  'main_',
  'int',
  'vec',
  'mat',
  'M_PI',
  'r',
  'o',
  'DuetCtx',
  'DUET_FN',
  'threadIdx',
  'errno',
];

type Expr = { ref?: string; add: number };
type Stmt =
  | { k: 'decl'; kind: 'let' | 'var'; name: string; init: Expr; call?: string }
  | { k: 'array'; name: string; items: number[] }
  | { k: 'store'; name: string; at: Expr; value: number }
  | { k: 'read'; idx: number; name: string; at: Expr }
  | { k: 'assign'; name: string; add: number }
  | { k: 'out'; idx: number; name: string }
  | { k: 'block'; body: Stmt[] }
  | { k: 'if'; cond: Expr; below: number; yes: Stmt[]; no: Stmt[] }
  | { k: 'for'; name: string; n: number; body: Stmt[] }
  | { k: 'loop'; name: string; n: number; body: Stmt[]; cont: Stmt[] };
interface Fn {
  name: string;
  param: string;
  body: Stmt[];
  ret: Expr;
}
export interface AdversarialProgram {
  wgsl: string;
  /** The words `out` holds after one invocation of `main`. */
  expected: number[];
  /** How many function-scope declarations (parameters included) the program has. */
  locals: number;
}

/** Uniform in [0, 1) from core's mulberry32, so a seed reproduces. */
function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

type Scope = Map<string, { v: number | number[]; mutable: boolean }>;

export function adversarialProgram(
  seed: number,
  pool: readonly string[] = ADVERSARIAL_NAMES,
): AdversarialProgram {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const shuffled = [...pool].sort(() => r() - 0.5);
  const privates = shuffled.slice(0, int(4));
  const consts = shuffled.slice(4, 4 + int(3));
  const fnNames = shuffled.slice(7, 8 + int(3));
  // Few names per program, so that declarations meet: shadowing, siblings, `a` next to `a_1`.
  const localPool = pool
    .filter((n) => !fnNames.includes(n) && n !== 'out' && n !== 'main')
    .sort(() => r() - 0.5)
    .slice(0, 3 + int(4));
  const privInit = new Map(privates.map((n) => [n, 1 + int(1000)]));
  const constVal = new Map(consts.map((n) => [n, 1 + int(1000)]));
  let outs = 0;
  let locals = 0;
  // Sometimes a struct-typed private whose members are named from the same pool (`record.lane`).
  const structName = r() < 0.7 ? shuffled[11] : undefined;
  const record = structName ? shuffled[12]! : undefined;
  const members = structName ? [...new Set([pick(pool), pick(pool), pick(pool)])] : [];
  const memberInit = members.map(() => 1 + int(1000));

  /**
   * The generator's view of the scope chain: each scope maps a name to whether it is a `var` and,
   * for an array, its length (arrays of different lengths are what the old renaming mixed up).
   */
  type Chain = Map<string, { mutable: boolean; len?: number }>[];
  const info = (chain: Chain, name: string): { mutable: boolean; len?: number } => {
    for (let i = chain.length - 1; i >= 0; i--) {
      const m = chain[i]!.get(name);
      if (m !== undefined) return m;
    }
    return { mutable: privates.includes(name) || name.includes('.') };
  };
  const mutable = (chain: Chain, name: string) => info(chain, name).mutable;
  function stmts(chain: Chain, depth: number, inFn: boolean, avoid: Set<string>): Stmt[] {
    const out: Stmt[] = [];
    const n = 1 + int(depth > 2 ? 2 : 4);
    const names = () => [...new Set([...chain.flatMap((s) => [...s.keys()]), ...privates, ...consts])];
    // A record's members, while no local hides the record.
    const fields = () =>
      record && !chain.some((s) => s.has(record)) ? members.map((m) => `${record}.${m}`) : [];
    const visible = () => [...names().filter((x) => info(chain, x).len === undefined), ...fields()];
    const arrays = () => names().filter((x) => info(chain, x).len !== undefined);
    const expr = (): Expr => {
      const v = visible();
      return { ref: v.length > 0 && r() < 0.85 ? pick(v) : undefined, add: int(100) };
    };
    /** A dynamic index (never a constant expression: WGSL rejects a constant one out of bounds). */
    const index = (len: number): Expr => {
      const v = visible().filter((x) => !consts.includes(x));
      return v.length > 0 ? { ref: pick(v), add: int(1100) } : { add: int(len) };
    };
    for (let i = 0; i < n; i++) {
      const top = chain[chain.length - 1]!;
      const c = int(10);
      if (c < 4) {
        const free = localPool.filter((x) => !top.has(x) && !avoid.has(x));
        if (free.length === 0) continue;
        const name = pick(free);
        // Often `let a = a + K`: the initializer reads the outer `a` (WGSL §5).
        const init = visible().includes(name) && r() < 0.5 ? { ref: name, add: int(100) } : expr();
        locals++;
        if (r() < 0.25) {
          const len = pick([1, 4, 64, 1000]);
          // A long array starts zeroed (a 1000-value constructor would only slow the builds).
          const items = Array.from({ length: len }, () => (len <= 64 ? int(100000) : 0));
          out.push({ k: 'array', name, items });
          top.set(name, { mutable: true, len });
          continue;
        }
        const call = !inFn && r() < 0.3 ? pick(fnNames) : undefined;
        const kind = r() < 0.5 ? 'let' : 'var';
        out.push({ k: 'decl', kind, name, init, call });
        top.set(name, { mutable: kind === 'var' });
      } else if (c < 5) {
        const v = visible().filter((x) => mutable(chain, x));
        if (v.length > 0) out.push({ k: 'assign', name: pick(v), add: 1 + int(50) });
      } else if (c < 7) {
        const a = arrays();
        if (a.length > 0 && r() < 0.5) {
          const name = pick(a);
          const len = info(chain, name).len!;
          if (r() < 0.4) out.push({ k: 'store', name, at: index(len), value: int(100000) });
          else out.push({ k: 'read', idx: outs++, name, at: index(len) });
          continue;
        }
        const v = visible();
        if (v.length > 0) out.push({ k: 'out', idx: outs++, name: pick(v) });
      } else if (depth < 4 && c === 7) {
        out.push({ k: 'block', body: stmts([...chain, new Map()], depth + 1, inFn, new Set()) });
      } else if (depth < 4 && c === 8) {
        out.push({
          k: 'if',
          cond: expr(),
          below: int(200),
          yes: stmts([...chain, new Map()], depth + 1, inFn, new Set()),
          no: stmts([...chain, new Map()], depth + 1, inFn, new Set()),
        });
      } else if (depth < 4 && !inFn) {
        const name = pick(localPool);
        locals++;
        if (r() < 0.5) {
          const body = stmts(
            [...chain, new Map([[name, { mutable: true }]]), new Map()],
            depth + 1,
            inFn,
            new Set(),
          );
          out.push({ k: 'for', name, n: 1 + int(3), body });
        } else {
          // The counter is read by `break if` in `continuing`: its top level must not hide it.
          const inner: Chain = [...chain, new Map([[name, { mutable: true }]]), new Map()];
          const body = stmts(inner, depth + 1, inFn, new Set([name]));
          const cont = stmts([...inner, new Map()], depth + 1, inFn, new Set([name]));
          out.push({ k: 'loop', name, n: 1 + int(3), body, cont });
        }
      }
    }
    return out;
  }

  const fns: Fn[] = fnNames.map((name) => {
    const param = pick(localPool);
    locals++;
    const chain: Chain = [new Map([[param, { mutable: false }]])];
    const body = stmts(chain, 2, true, new Set());
    const v = [...new Set([...chain[0]!.keys(), ...privates, ...consts])].filter(
      (x) => info(chain, x).len === undefined,
    );
    return { name, param, body, ret: { ref: pick(v), add: int(100) } };
  });
  const mainBody = stmts([new Map()], 0, false, new Set());

  // ---- text ----
  const ex = (e: Expr) => (e.ref ? `${e.ref} + ${e.add}u` : `${e.add}u`);
  const text = (ss: Stmt[], ind: string): string[] => ss.flatMap((s) => line(s, ind));
  function line(s: Stmt, ind: string): string[] {
    switch (s.k) {
      case 'decl':
        return [`${ind}${s.kind} ${s.name}: u32 = ${s.call ? `${s.call}(${ex(s.init)})` : ex(s.init)};`];
      case 'array':
        if (s.items.length > 64) return [`${ind}var ${s.name}: array<u32, ${s.items.length}>;`];
        return [
          `${ind}var ${s.name}: array<u32, ${s.items.length}> = array<u32, ${s.items.length}>(${s.items.map((v) => `${v}u`).join(', ')});`,
        ];
      case 'store':
        return [`${ind}${s.name}[${ex(s.at)}] = ${s.value}u;`];
      case 'read':
        return [`${ind}out[${s.idx}] = ${s.name}[${ex(s.at)}];`];
      case 'assign':
        return [`${ind}${s.name} += ${s.add}u;`];
      case 'out':
        return [`${ind}out[${s.idx}] = ${s.name};`];
      case 'block':
        return [`${ind}{`, ...text(s.body, `${ind}  `), `${ind}}`];
      case 'if':
        return [
          `${ind}if (${ex(s.cond)} < ${s.below}u) {`,
          ...text(s.yes, `${ind}  `),
          `${ind}} else {`,
          ...text(s.no, `${ind}  `),
          `${ind}}`,
        ];
      case 'for':
        return [
          `${ind}for (var ${s.name}: u32 = 0u; ${s.name} < ${s.n}u; ${s.name}++) {`,
          ...text(s.body, `${ind}  `),
          `${ind}}`,
        ];
      case 'loop':
        return [
          `${ind}{`,
          `${ind}  var ${s.name}: u32 = 0u;`,
          `${ind}  loop {`,
          `${ind}    ${s.name} += 1u;`,
          ...text(s.body, `${ind}    `),
          `${ind}    continuing {`,
          ...text(s.cont, `${ind}      `),
          `${ind}      break if ${s.name} >= ${s.n}u;`,
          `${ind}    }`,
          `${ind}  }`,
          `${ind}}`,
        ];
    }
  }
  const lines = ['@group(0) @binding(0) var<storage, read_write> out: array<u32>;'];
  if (structName && record) {
    lines.push(
      `struct ${structName} { ${members.map((m) => `${m}: u32`).join(', ')} }`,
      `var<private> ${record}: ${structName} = ${structName}(${memberInit.map((v) => `${v}u`).join(', ')});`,
    );
  }
  for (const p of privates) lines.push(`var<private> ${p}: u32 = ${privInit.get(p)}u;`);
  for (const c of consts) lines.push(`const ${c}: u32 = ${constVal.get(c)}u;`);
  for (const f of fns) {
    lines.push(
      `fn ${f.name}(${f.param}: u32) -> u32 {`,
      ...text(f.body, '  '),
      `  return ${ex(f.ret)};`,
      '}',
    );
  }
  lines.push('@compute @workgroup_size(1) fn main() {', ...text(mainBody, '  '), '}');

  // ---- expected values: an interpreter with WGSL's scoping ----
  const words = new Array<number>(Math.max(outs, 1)).fill(0);
  const moduleScope: Scope = new Map();
  for (const p of privates) moduleScope.set(p, { v: privInit.get(p)!, mutable: true });
  for (const c of consts) moduleScope.set(c, { v: constVal.get(c)!, mutable: false });
  if (record) moduleScope.set(record, { v: [...memberInit], mutable: true });
  /** A name's binding, or for `record.member` the record's, with the member's index. */
  const slot = (env: Scope[], ref: string) => {
    const [name, member] = ref.split('.');
    const b = find(env, name!);
    return { b, k: member === undefined ? -1 : members.indexOf(member) };
  };
  const get = (env: Scope[], ref: string): number => {
    const { b, k } = slot(env, ref);
    return k < 0 ? (b.v as number) : (b.v as number[])[k]!;
  };
  const find = (env: Scope[], name: string) => {
    for (let i = env.length - 1; i >= 0; i--) {
      const b = env[i]!.get(name);
      if (b) return b;
    }
    throw new Error(`interpreter: '${name}' is not visible`);
  };
  const val = (env: Scope[], e: Expr) => ((e.ref ? get(env, e.ref) : 0) + e.add) >>> 0;
  /** WGSL robustness as Duet implements it (docs/contracts.md §3): an index is clamped to the last element. */
  const at = (arr: number[], i: number) => Math.min(i, arr.length - 1);
  const call = (name: string, arg: number): number => {
    const f = fns.find((x) => x.name === name)!;
    const env: Scope[] = [moduleScope, new Map([[f.param, { v: arg, mutable: false }]])];
    run(f.body, env);
    return val(env, f.ret);
  };
  function run(ss: Stmt[], env: Scope[]): void {
    const top = env[env.length - 1]!;
    for (const s of ss) {
      switch (s.k) {
        case 'decl': {
          const v = val(env, s.init); // evaluated before the name is in scope
          top.set(s.name, { v: s.call ? call(s.call, v) : v, mutable: s.kind === 'var' });
          break;
        }
        case 'array':
          top.set(s.name, { v: [...s.items], mutable: true });
          break;
        case 'store': {
          const arr = find(env, s.name).v as number[];
          arr[at(arr, val(env, s.at))] = s.value;
          break;
        }
        case 'read': {
          const arr = find(env, s.name).v as number[];
          words[s.idx] = arr[at(arr, val(env, s.at))]!;
          break;
        }
        case 'assign': {
          const { b, k } = slot(env, s.name);
          if (k >= 0) (b.v as number[])[k] = ((b.v as number[])[k]! + s.add) >>> 0;
          else if (b.mutable) b.v = ((b.v as number) + s.add) >>> 0;
          break;
        }
        case 'out':
          words[s.idx] = get(env, s.name);
          break;
        case 'block':
          run(s.body, [...env, new Map()]);
          break;
        case 'if':
          run(val(env, s.cond) < s.below ? s.yes : s.no, [...env, new Map()]);
          break;
        case 'for': {
          const counter: Scope = new Map([[s.name, { v: 0, mutable: true }]]);
          const b = counter.get(s.name)!;
          for (let guard = 0; (b.v as number) < s.n; guard++) {
            if (guard > 1000) throw new Error('interpreter: runaway for');
            run(s.body, [...env, counter, new Map()]);
            b.v = ((b.v as number) + 1) >>> 0;
          }
          break;
        }
        case 'loop': {
          const counter: Scope = new Map([[s.name, { v: 0, mutable: true }]]);
          for (let guard = 0; ; guard++) {
            if (guard > 1000) throw new Error('interpreter: runaway loop');
            const c = counter.get(s.name)!;
            c.v = (c.v as number) + 1;
            const body: Scope = new Map();
            run(s.body, [...env, counter, body]);
            const inner = [...env, counter, body, new Map()];
            run(s.cont, inner);
            if ((find(inner, s.name).v as number) >= s.n) break;
          }
          break;
        }
      }
    }
  }
  run(mainBody, [moduleScope, new Map()]);
  return { wgsl: `${lines.join('\n')}\n`, expected: words, locals };
}
