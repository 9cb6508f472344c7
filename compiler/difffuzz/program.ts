/**
 * The differential fuzzer's program tree and its printer. A program is a typed tree (not text) so the
 * reducer can delete statements and swap expressions without reparsing. Several programs can share one
 * module (a batch): each prints as `fn <prefix>run()` with its own names, its own slice of `out` and of
 * `mem`, so one dispatch checks many programs. Test-only (compiler/difffuzz is a leaf).
 */

/** The value types programs compute with. */
export type Ty = 'i32' | 'u32' | 'f32' | 'bool' | 'vec2<i32>' | 'vec4<u32>';

/**
 * A leaf (`op` is the text, no args) or an operation: `op` is a template whose `$0`, `$1`… are the
 * printed args. `konst` marks const-expressions (WGSL §7.5.1): the generator never builds an operation
 * whose args are all const, because const evaluation turns overflow and division by zero into errors.
 */
export interface Expr {
  ty: Ty;
  op: string;
  args: Expr[];
  konst: boolean;
}

export type Stmt =
  | { k: 'decl'; kw: 'let' | 'var' | 'const'; name: string; ty?: string; init?: Expr }
  | { k: 'assign'; lhs: string; op: string; rhs: Expr }
  /** Writes the value to the program's next `out` slot(s). */
  | { k: 'record'; e: Expr }
  | { k: 'if'; cond: Expr; yes: Stmt[]; els: Stmt[] }
  /** Bounded loops: `v` counts 0..n-1 (static trip count), `form` says which WGSL loop spells it. */
  | { k: 'loop'; form: 'for' | 'while' | 'loop'; v: string; n: number; body: Stmt[] }
  | { k: 'switch'; sel: Expr; cases: { labels: string[]; body: Stmt[] }[] }
  | { k: 'block'; body: Stmt[] }
  /** `break;`, `continue;`, `return;` or a phony assignment: text with embedded expressions. */
  | { k: 'raw'; text: string; args: Expr[] };

export interface Helper {
  name: string;
  params: string;
  ret: Ty;
  body: Stmt[];
  result: Expr;
}

export interface Program {
  /** Module-scope declarations (const, var<private>, struct) in order; printed with the prefix. */
  module: string[];
  helpers: Helper[];
  body: Stmt[];
}

/** The prefix marker the generator puts before module-scope names; replaced when printing. */
export const P = '§';

export function printExpr(e: Expr): string {
  if (e.args.length === 0) return e.op;
  return e.op.replace(/\$(\d)/g, (_, i: string) => printExpr(e.args[Number(i)]!));
}

/** How `out` words are spelled per type (f32: the value; printStmt writes its bits). */
function recordWords(e: Expr): string[] {
  const v = printExpr(e);
  switch (e.ty) {
    case 'i32':
      return [`bitcast<u32>(${v})`];
    case 'u32':
      return [v];
    case 'bool':
      return [`select(0u, 1u, ${v})`];
    case 'f32':
      return [v];
    case 'vec2<i32>':
      return [`bitcast<vec2<u32>>(${v})`];
    case 'vec4<u32>':
      return [v];
  }
}

/** Number of `out` words a record of this type takes. */
function recordWidth(ty: Ty): number {
  return ty === 'vec2<i32>' ? 2 : ty === 'vec4<u32>' ? 4 : 1;
}

interface PrintState {
  slot: number;
  lines: string[];
}

function printBlock(body: Stmt[], depth: number, s: PrintState): void {
  for (const st of body) printStmt(st, depth, s);
}

function printStmt(st: Stmt, depth: number, s: PrintState): void {
  const pad = '  '.repeat(depth);
  const line = (t: string) => s.lines.push(pad + t);
  switch (st.k) {
    case 'decl': {
      const ty = st.ty ? `: ${st.ty}` : '';
      const init = st.init ? ` = ${printExpr(st.init)}` : '';
      line(`${st.kw} ${st.name}${ty}${init};`);
      return;
    }
    case 'assign':
      line(`${st.lhs} ${st.op} ${printExpr(st.rhs)};`);
      return;
    case 'record': {
      const w = recordWidth(st.e.ty);
      const words = recordWords(st.e);
      if (st.e.ty === 'f32')
        // By its bits, with both zeros as +0: WGSL lets implementations ignore the sign of zero
        // (§14.6.2), and Chromium folds `x + 0.0` to x.
        line(`{ let r = ${words[0]}; out[${P}OUT + ${s.slot}u] = select(bitcast<u32>(r), 0u, r == 0.0f); }`);
      else if (w === 1) line(`out[${P}OUT + ${s.slot}u] = ${words[0]};`);
      else {
        line(`{ let r = ${words[0]};`);
        for (let i = 0; i < w; i++) line(`  out[${P}OUT + ${s.slot + i}u] = r[${i}];`);
        line('}');
      }
      s.slot += w;
      return;
    }
    case 'if':
      line(`if (${printExpr(st.cond)}) {`);
      printBlock(st.yes, depth + 1, s);
      if (st.els.length) {
        line('} else {');
        printBlock(st.els, depth + 1, s);
      }
      line('}');
      return;
    case 'loop':
      if (st.form === 'for') {
        line(`for (var ${st.v} = 0u; ${st.v} < ${st.n}u; ${st.v}++) {`);
        printBlock(st.body, depth + 1, s);
        line('}');
      } else if (st.form === 'while') {
        // The count goes up first so a `continue` in the body cannot skip it.
        line(`{ var ${st.v} = 0u; var ${st.v}_i = 0u;`);
        line(`while (${st.v}_i < ${st.n}u) {`);
        line(`  ${st.v} = ${st.v}_i; ${st.v}_i++;`);
        printBlock(st.body, depth + 1, s);
        line('} }');
      } else {
        // `continuing` runs after `continue` too (WGSL §9.4.5), so it owns the count.
        line(`{ var ${st.v} = 0u;`);
        line('loop {');
        printBlock(st.body, depth + 1, s);
        line(`  continuing { ${st.v}++; break if ${st.v} >= ${st.n}u; }`);
        line('} }');
      }
      return;
    case 'switch':
      line(`switch (${printExpr(st.sel)}) {`);
      for (const c of st.cases) {
        line(`  case ${c.labels.join(', ')}: {`);
        printBlock(c.body, depth + 2, s);
        line('  }');
      }
      line('}');
      return;
    case 'block':
      line('{');
      printBlock(st.body, depth + 1, s);
      line('}');
      return;
    case 'raw': {
      let i = 0;
      line(st.text.replace(/\$_/g, () => printExpr(st.args[i++]!)));
      return;
    }
  }
}

interface Printed {
  /** Module text (no bindings): declarations, helpers and `fn <prefix>run()`. */
  text: string;
  /** `out` words the program writes, from its base. */
  outWords: number;
}

/** Prints one program with `prefix` on its module-scope names, writing `out` from `outBase` on. */
function printProgram(p: Program, prefix: string, outBase: number): Printed {
  const s: PrintState = { slot: 0, lines: [] };
  const head: string[] = [...p.module];
  for (const h of p.helpers) {
    s.lines.length = 0;
    printBlock(h.body, 1, s);
    head.push(`fn ${h.name}(${h.params}) -> ${h.ret} {`, ...s.lines, `  return ${printExpr(h.result)};`, '}');
  }
  s.lines.length = 0;
  printBlock(p.body, 1, s);
  const text = [...head, `const ${P}OUT = ${outBase}u;`, `fn ${P}run() {`, ...s.lines, '}']
    .join('\n')
    .replaceAll(P, prefix);
  return { text, outWords: s.slot };
}

/** `mem`'s words per program: each program reads and writes only its own slice. */
export const MEM_WORDS = 8;
/** `inp`'s words, shared read-only by every program. */
const INP_WORDS = 16;

/** A whole module running `programs` one after another from one invocation. */
export function printModule(programs: Program[]): { wgsl: string; outWords: number; bases: number[] } {
  const parts: string[] = [];
  const bases: number[] = [];
  let out = 0;
  programs.forEach((p, i) => {
    const printed = printProgram(p, `p${i}_`, out);
    bases.push(out);
    parts.push(printed.text.replaceAll('MEMBASE', `${i * MEM_WORDS}u`));
    out += printed.outWords;
  });
  bases.push(out);
  const wgsl = [
    '// difffuzz: generated programs (compiler/difffuzz/generate.ts), one invocation runs each in turn.',
    `@group(0) @binding(0) var<storage, read> inp: array<u32, ${INP_WORDS}>;`,
    '@group(0) @binding(1) var<storage, read_write> mem: array<i32>;',
    '@group(0) @binding(2) var<storage, read_write> out: array<u32>;',
    ...parts,
    '@compute @workgroup_size(1)',
    'fn main() {',
    ...programs.map((_, i) => `  p${i}_run();`),
    '}',
    '',
  ].join('\n');
  return { wgsl, outWords: Math.max(out, 1), bases };
}
