/**
 * A CPU barrier entry by loop fission (issue 25): instead of one fiber per invocation meeting at each
 * barrier, each barrier-free region of the entry's body is a loop over the workgroup's invocations
 * (local_invocation_index order, as the fibers ran them), so no context switch happens. The entry's
 * shape is checked first (fission-shape.ts); other entries keep the fibers (entry-cpu.ts).
 *
 * - What an invocation keeps across a barrier lives in one struct of per-invocation arrays, from the
 *   runtime's per-thread scratch (duet_cpu_scratch, bounded by FISSION_MAX_BYTES): its DuetCtx
 *   (`var<private>`, its loop-guard count), the variables declared in workgroup-level blocks (each
 *   region binds `T& name` to its own element), and whether it has returned.
 * - Workgroup-level control flow (an `if`, `switch` or loop holding a barrier) runs once. Its condition
 *   is evaluated by every invocation still running and must be the same for all (WGSL section 15.2:
 *   a barrier's control flow is uniform); a mismatch, or a barrier reached after some invocations
 *   returned, stops the workgroup with DUET_STATUS_BARRIER, as the fibers do when part of the
 *   workgroup waits at a barrier that the rest never reaches.
 * - A `return` ends the invocation's part of its region and marks it returned: later regions skip it,
 *   and at the next barrier it makes the workgroup finish (every invocation returned) or diverge.
 * - Kernels without data races give the fibers' results bit for bit. A racy one (a workgroup variable
 *   written by one invocation and read by another with no barrier between: a data race, which WGSL
 *   leaves indeterminate) may not: fission runs every invocation up to each workgroup-level
 *   condition, the fibers ran each one up to its next barrier.
 * - Loops inside a region keep their guard and abort poll (per invocation, statements.ts); every
 *   barrier and every iteration of a workgroup-level loop polls the abort flag, and a workgroup-level
 *   loop stops at DUET_LOOP_GUARD_ITERATIONS as a guarded loop does.
 */
import type { Block, Expr, Stmt, VarDecl } from '../front/ast';
import { concretizeDefault, scalar, scalarOf, type Type, U32 } from '../front/types';
import { layoutOf } from '../layout';
import { bindSlots, usedSlots } from './bind-slots';
import { applyCpuFacts } from './cpu-index-ranges';
import { builtinValues } from './entry-builtins';
import { cpuInvocationValues } from './entry-cpu-invocation';
import { interchangeTrips } from './fission-interchange';
import { rowWindows } from './fission-row-windows';
import { type FissionPlan, namesUsed, type Promoted, stmtsDeep, writesOf } from './fission-shape';
import { WorkgroupUniform } from './fission-uniform';
import { FunctionEmitter } from './function';
import type { EntryToEmit, ModuleToEmit } from './module-input';
import { emitBlock, emitDeclAsAssign } from './statements';
import { stripParens } from './text';
import { scalarLiteral } from './types';

/** What runs after a block and still sees its declarations (FissionEmitter.block). */
interface Later {
  stmts: readonly Stmt[];
  exprs: readonly Expr[];
}
const NOTHING_LATER: Later = { stmts: [], exprs: [] };

/** Promoted variables up to this size are copied into locals for a region; bigger ones are referenced. */
const LOCAL_COPY_BYTES = 64;

/** An interchanged region's counted loop is unrolled by at most this many trips (code size). */
const UNROLL_TRIPS = 16;

/**
 * A row's loop over its x invocations is unrolled this many times (after g++ vectorises it, four
 * vectors of four lanes: a 16-wide row whole), on the paths every invocation takes. matmul-tiled one
 * thread, by hand: 2.73 -> 1.59 ms; -funroll-loops on the whole module gave 1.40 ms for +75 % compile
 * time against +9 % (bench/notes/cpu-backend.md).
 */
const ROW_UNROLL = 4;

export function cpuFissionEntry(m: ModuleToEmit, e: EntryToEmit, shapePlan: FissionPlan): string {
  const name = e.fn.decl.name;
  const [x, y, z] = e.workgroupSize;
  const n = x * y * z;
  // Variables the whole workgroup shares a value of are held once, not per invocation (fission-uniform.ts).
  const uniform = new WorkgroupUniform(m.checker, e.fn, shapePlan.shape, shapePlan.promoted.keys());
  const promoted = new Map([...shapePlan.promoted].filter(([d]) => !uniform.vars.has(d)));
  const plan = { ...shapePlan, promoted };
  const w = new FissionEmitter(m, e, plan, uniform);
  const inv = cpuInvocationValues(e);
  const names = m.checker.names;
  const privates = m.privates.map((g) => ({ name: names.of(g.decl.name), type: w.cppType(g.type) }));
  const members = [
    `int duet_stopped[${n}];  // DuetCtx::stopped: the loop guard's count`,
    ...privates.map((g) => `${g.type} ${g.name}[${n}];  // var<private>`),
    ...(plan.returns ? [`unsigned char duet_ret[${n}];  // the invocation has returned`] : []),
    ...[...plan.promoted.values()].map(
      (v) => `${w.cppType(v.type)} ${v.cname}[${n}];  // wgsl:${v.decl.pos.line} ${v.decl.name}`,
    ),
  ];
  w.body(e.fn.decl.body);
  return [
    `// wgsl:${e.fn.decl.pos.line} @compute @workgroup_size(${x}, ${y}, ${z}) fn ${name} (loop fission at its barriers)`,
    `extern "C" int ${names.entry(name)}(const DuetParams* p, const unsigned wg[3]) {`,
    '  using namespace wgsl;',
    `  static const unsigned duet_wg_size[3] = {${x}u, ${y}u, ${z}u};`,
    '  struct DuetInvocations {',
    ...members.map((l) => `    ${l}`),
    '  };',
    '  unsigned char* duet_wgmem;',
    `  const int duet_ready = duet_cpu_loop_begin(duet_wg_size, ${m.workgroups.length > 0 ? 'sizeof(DuetWorkgroup)' : '0'}, &duet_wgmem);`,
    '  if (duet_ready <= 0) return duet_ready;',
    '  DuetCtx duet_base = {};',
    '  duet_base.control = p->control;',
    '  bool duet_fit = true;',
    ...bindSlots(m, 'p->', 'duet_base', usedSlots(m, e)).map((l) => `  ${l}`),
    '  if (!duet_fit) return duet_cpu_refuse(p);',
    '  duet_base.wg = (DuetWorkgroup*)duet_wgmem;',
    // The scratch is its own allocation, apart from workgroup memory and every binding: restrict lets
    // g++ vectorise a region's loops without checking for overlap at run time.
    '  DuetInvocations* __restrict const duet_s = (DuetInvocations*)duet_cpu_scratch(sizeof(DuetInvocations));',
    '  if (!duet_s) return -1;',
    '  (void)wg;',
    ...inv.hoisted.map((l) => `  ${l}`),
    ...(plan.returns ? ['  unsigned duet_nret = 0;  // invocations that have returned'] : []),
    `  for (unsigned duet_li = 0; duet_li < ${n}u; duet_li++) {`,
    '    DuetCtx ctx = duet_base;',
    '    ctx.lane = duet_li & 31u;',
    '    duet_init_private(ctx);',
    '    duet_s->duet_stopped[duet_li] = 0;',
    ...privates.map((g) => `    duet_s->${g.name}[duet_li] = ctx.${g.name};`),
    ...(plan.returns ? ['    duet_s->duet_ret[duet_li] = 0;'] : []),
    '  }',
    ...w.lines,
    '  return duet_cpu_finish(p, 0);',
    '}',
  ].join('\n');
}

/** Emits the entry's body as workgroup-level code and per-invocation regions (FunctionEmitter's output). */
class FissionEmitter extends FunctionEmitter {
  readonly lines: string[] = [];
  private readonly n: number;
  private readonly inv: ReturnType<typeof cpuInvocationValues>;
  /** The context members of the `var<private>` variables. */
  private readonly privates: string[];
  /** Workgroup-level loops, innermost last: the label `continue` jumps to when there is a continuing part. */
  private readonly wgLoops: { label?: string; used: boolean }[] = [];

  constructor(
    m: ModuleToEmit,
    private readonly e: EntryToEmit,
    private readonly plan: FissionPlan,
    private readonly wu: WorkgroupUniform,
  ) {
    super(m.checker, e.fn);
    applyCpuFacts(m, e.fn, this);
    const [x, y, z] = e.workgroupSize;
    this.n = x * y * z;
    this.inv = cpuInvocationValues(e);
    this.privates = m.privates.map((g) => m.checker.names.of(g.decl.name));
  }

  override line(text: string): void {
    this.lines.push(`${'  '.repeat(this.indent)}${text}`);
  }

  body(b: Block): void {
    this.indent = 1;
    this.block(b.stmts, []);
  }

  /**
   * A workgroup-level block: runs of per-invocation statements as regions, the rest once. `later`: what
   * runs after the block and still sees its declarations (a loop's continuing part, a for's condition,
   * update and body after its initializer).
   */
  private block(
    stmts: readonly Stmt[],
    outer: readonly Promoted[],
    later: Later = NOTHING_LATER,
  ): Promoted[] {
    const scope = [...outer];
    let run: Stmt[] = [];
    const flush = (next: number) => {
      if (run.length > 0) {
        const rest = [...stmts.slice(next), ...later.stmts];
        this.region(run, scope, namesUsed(this.checker, rest, later.exprs));
      }
      run = [];
    };
    for (const [i, s] of stmts.entries()) {
      if (this.wu.once(s)) {
        flush(i);
        this.once(s);
      } else if (this.plan.shape.isUniformLoadDecl(s)) {
        flush(i);
        const v = this.plan.promoted.get(s);
        if (v) scope.push(v);
        this.uniformLoad(s, scope);
      } else if (this.plan.shape.workgroupLevel(s)) {
        flush(i);
        this.stmt(s, scope);
      } else {
        run.push(s);
        const v = s.kind === 'var' ? this.plan.promoted.get(s) : undefined;
        if (v) scope.push(v);
      }
    }
    flush(stmts.length);
    return scope;
  }

  /**
   * Statements every invocation runs in turn; `scope` includes the promoted variables they declare.
   * `usedLater`: the names later code uses (a variable declared here and not among them need not be kept).
   */
  private region(stmts: readonly Stmt[], scope: readonly Promoted[], usedLater: ReadonlySet<string>): void {
    const only = stmts.length === 1 && stmts[0]!.kind === 'for' ? stmts[0]! : undefined;
    const trips = only?.kind === 'for' ? interchangeTrips(this.checker, only, scope, this.wu.vars) : null;
    if (only?.kind === 'for' && trips !== null) {
      this.interchanged(only, trips, scope);
      return;
    }
    const label = stmtsDeep(stmts).some((s) => s.kind === 'return')
      ? this.names.temp('duet_next_')
      : undefined;
    const declared = new Set<string>();
    for (const s of stmts) {
      const v = s.kind === 'var' ? this.plan.promoted.get(s) : undefined;
      if (v) declared.add(v.cname);
    }
    const used = new Set([...namesUsed(this.checker, stmts), ...declared]);
    const writes = writesOf(this.checker, stmts);
    const store = (v: string) => (declared.has(v) ? usedLater.has(v) : writes.names.has(v));
    const keep = { store, polls: writes.polls };
    const body = () => {
      this.voidReturn = label ? `{ duet_s->duet_ret[duet_li] = 1; duet_nret++; goto ${label}; }` : undefined;
      this.line('{');
      this.indent++;
      for (const s of stmts) {
        const v = s.kind === 'var' ? this.plan.promoted.get(s) : undefined;
        if (v) emitDeclAsAssign(this, s as VarDecl);
        else emitBlock(this, { kind: 'block', pos: s.pos, stmts: [s] }, false);
      }
      this.indent--;
      this.line('}');
      if (label) this.line(`${label}:;`);
      this.voidReturn = undefined;
    };
    const rows = label
      ? null
      : rowWindows(this.checker, this.e.fn, this.names, stmts, this.wu.vars, (e) => this.expr(e, U32));
    if (!rows) {
      this.perInvocation(scope, used, declared, keep, body);
      return;
    }
    // Row by row; a row whose windows all lie inside their arrays takes the fast path
    // (fission-row-windows.ts): those accesses are window elements, guarded assignments if-converted.
    const [x, y, z] = this.e.workgroupSize;
    this.line(`for (unsigned duet_lz = 0; duet_lz < ${z}u; duet_lz++) {`);
    this.line(`for (unsigned duet_ly = 0; duet_ly < ${y}u; duet_ly++) {  // row windows`);
    this.indent++;
    this.line(`const unsigned duet_row = (duet_lz * ${y}u + duet_ly) * ${x}u;`);
    this.line('(void)duet_row;');
    this.line('DuetCtx duet_w = duet_base;');
    this.line('bool duet_fast;');
    this.line('{');
    this.indent++;
    this.line('const DuetCtx& ctx = duet_base;');
    this.line('(void)ctx;');
    const tests = rows.windows.map((w) => `duet_w.${w.view}.window(${stripParens(w.base)}, ${x}u)`);
    this.line(`duet_fast = ${tests.join(' && ')};`);
    this.indent--;
    this.line('}');
    this.line('if (duet_fast) {');
    this.indent++;
    this.rowWindowAccesses = rows.accesses;
    this.speculateLoads = true;
    this.perInvocation(scope, used, declared, keep, body, 'duet_w');
    this.rowWindowAccesses = undefined;
    this.speculateLoads = false;
    this.indent--;
    this.line('} else {');
    this.indent++;
    this.perInvocation(scope, used, declared, keep, body, 'duet_base');
    this.indent--;
    this.line('}');
    this.indent--;
    this.line('}');
    this.line('}');
  }

  /**
   * A region that is one counted loop, run with the invocation loop innermost (fission-interchange.ts
   * says when that gives every invocation's results unchanged). Each invocation first polls once for the
   * whole loop (duet_cpu_counted_loop); when every invocation runs it (none returned or stopped), the
   * invocation loop has no test and g++ can vectorise it, else the same loop skips those that do not.
   */
  private interchanged(s: Extract<Stmt, { kind: 'for' }>, trips: number, scope: readonly Promoted[]): void {
    this.line(`{  // wgsl:${s.pos.line} loop, invocations innermost`);
    this.indent++;
    if (this.plan.returns) {
      this.line('bool duet_all = true;  // every invocation runs the loop');
      this.line(`for (unsigned duet_li = 0; duet_li < ${this.n}u; duet_li++) {`);
      this.line('  if (duet_s->duet_ret[duet_li]) { duet_all = false; continue; }');
      this.line(
        `  if (!duet_cpu_counted_loop(p->control, &duet_s->duet_stopped[duet_li], ${trips}u)) duet_all = false;`,
      );
      this.line('}');
    } else {
      this.line(
        `const bool duet_all = duet_cpu_counted_loops(p->control, duet_s->duet_stopped, ${this.n}u, ${trips}u);`,
      );
    }
    this.line('if (duet_all) {');
    this.indent++;
    this.interchangedLoop(s, trips, scope, false);
    this.indent--;
    this.line('} else {');
    this.indent++;
    this.interchangedLoop(s, trips, scope, true);
    this.indent--;
    this.line('}');
    this.indent--;
    this.line('}');
  }

  /**
   * The z and y loops over the invocations around the counted loop, the x loop innermost: each row of
   * invocations (one y, z) runs all its iterations before the next row, so the row's own variables stay in
   * a local array across the iterations (g++ keeps it in registers and needs no overlap test against
   * shared memory; bench/notes/cpu-backend.md, issue 25) and the counted loop is unrolled by up to
   * UNROLL_TRIPS (its trips are known; unrolling never reorders an invocation's own operations). Every
   * invocation still runs its iterations in order, and no invocation sees another's state inside the loop
   * (fission-interchange.ts), so which row goes first changes no result.
   */
  private interchangedLoop(
    s: Extract<Stmt, { kind: 'for' }>,
    trips: number,
    scope: readonly Promoted[],
    skip: boolean,
  ): void {
    const [x, y, z] = this.e.workgroupSize;
    const used = namesUsed(this.checker, [s]);
    this.line('for (unsigned duet_lz = 0; duet_lz < ' + z + 'u; duet_lz++) {');
    this.line('for (unsigned duet_ly = 0; duet_ly < ' + y + 'u; duet_ly++) {');
    this.indent++;
    this.line(`const unsigned duet_row = (duet_lz * ${y}u + duet_ly) * ${x}u;`);
    // The row's own variables, small ones as local arrays (copied in and back), big ones referenced.
    const rows: Promoted[] = [];
    const seen = new Set<string>();
    for (const v of scope) {
      if (seen.has(v.cname) || !used.has(v.cname)) continue;
      seen.add(v.cname);
      if (layoutOf(v.type).size > LOCAL_COPY_BYTES) continue;
      rows.push(v);
      this.line(`${this.cppType(v.type)} duet_row_${v.cname}[${x}];`);
      this.line(
        `for (unsigned duet_lx = 0; duet_lx < ${x}u; duet_lx++) duet_row_${v.cname}[duet_lx] = duet_s->${v.cname}[duet_row + duet_lx];`,
      );
    }
    this.line('{');
    this.indent++;
    emitBlock(this, { kind: 'block', pos: s.pos, stmts: [s.init!] }, false);
    const c = this.expr(s.cond!, scalar('bool'));
    // The loop has no break or continue (fission-interchange.ts): the condition can be the for's own,
    // where `#pragma GCC unroll` needs it.
    this.line(`#pragma GCC unroll ${Math.min(trips, UNROLL_TRIPS)}`);
    this.line(`for (; ${stripParens(c)};) {  // wgsl:${s.pos.line} loop`);
    this.indent++;
    if (!skip) this.line(`#pragma GCC unroll ${ROW_UNROLL}`);
    this.line(`for (unsigned duet_lx = 0; duet_lx < ${x}u; duet_lx++) {`);
    this.indent++;
    this.line('const unsigned duet_li = duet_row + duet_lx;');
    this.line('(void)duet_li;');
    if (skip) {
      if (this.plan.returns) this.line('if (duet_s->duet_ret[duet_li]) continue;');
      this.line('if (duet_s->duet_stopped[duet_li] < 0) continue;');
    }
    // Bindings only: the body touches no var<private>, loop guard or subgroup lane (fission-interchange.ts).
    this.bindingsAndInputs(used);
    for (const v of [...seen].map((n) => scope.find((w) => w.cname === n)!)) {
      const slot = rows.includes(v) ? `duet_row_${v.cname}[duet_lx]` : `duet_s->${v.cname}[duet_li]`;
      this.line(`${this.cppType(v.type)}& ${v.cname} = ${slot};`);
    }
    emitBlock(this, s.body);
    this.indent--;
    this.line('}');
    emitBlock(this, { kind: 'block', pos: s.pos, stmts: [s.update!] }, false);
    this.indent--;
    this.line('}');
    this.indent--;
    this.line('}');
    for (const v of rows)
      this.line(
        `for (unsigned duet_lx = 0; duet_lx < ${x}u; duet_lx++) duet_s->${v.cname}[duet_row + duet_lx] = duet_row_${v.cname}[duet_lx];`,
      );
    this.indent--;
    this.line('}');
    this.line('}');
  }

  /**
   * A loop over the invocations still running, each with its context (the workgroup's bindings, its own
   * loop-guard count and `var<private>`) and the built-ins and promoted variables among `used`, as
   * locals g++ can keep in registers (copied back after `inner`), or references for big ones.
   * `declared`: the promoted variables the region declares itself (nothing to load). `keep.store`: the
   * promoted variables to store back (those `inner` may change and later code reads: fission-shape.ts,
   * writesOf), `keep.polls`: whether `inner` may poll (change the loop guard's count). `row`: loop over
   * one row's x only (region row windows), each invocation's context copied from that variable.
   */
  private perInvocation(
    scope: readonly Promoted[],
    used: ReadonlySet<string>,
    declared: ReadonlySet<string>,
    keep: { store: (cname: string) => boolean; polls: boolean },
    inner: () => void,
    row?: string,
  ): void {
    if (row) {
      // One row of a region run row by row: duet_lx, duet_ly, duet_lz and duet_row are the loops'. The
      // fast path is unrolled; the other, for rows whose windows do not fit, is not (compile time).
      if (row !== 'duet_base') this.line(`#pragma GCC unroll ${ROW_UNROLL}`);
      this.line(`for (unsigned duet_lx = 0; duet_lx < ${this.e.workgroupSize[0]}u; duet_lx++) {`);
      this.indent++;
      this.line('const unsigned duet_li = duet_row + duet_lx;');
    } else {
      this.line(`for (unsigned duet_li = 0; duet_li < ${this.n}u; duet_li++) {`);
      this.indent++;
    }
    if (this.plan.returns) this.line('if (duet_s->duet_ret[duet_li]) continue;');
    this.line(`DuetCtx ctx = ${row ?? 'duet_base'};`);
    this.line('ctx.lane = duet_li & 31u;');
    this.line('ctx.stopped = duet_s->duet_stopped[duet_li];');
    for (const g of this.privates) this.line(`ctx.${g} = duet_s->${g}[duet_li];`);
    const params = this.e.fn.params.filter((p) => used.has(p.cname));
    // The inputs computed from duet_lx, duet_ly, duet_lz (entry-cpu-invocation.ts, linear-indexing.ts).
    const local = new Set(['global_invocation_id', 'local_invocation_id', 'global_invocation_index']);
    if (!row && params.some((p) => (p.builtinStruct ?? [p.builtin!]).some((b) => local.has(b))))
      for (const l of this.inv.perInvocation) this.line(l);
    const values = builtinValues(this.e, this.inv.values, this.names);
    this.e.fn.params.forEach((p, k) => {
      if (!used.has(p.cname)) return;
      this.line(`const ${this.cppType(p.type)} ${p.cname} = ${values[k]};`);
      this.line(`(void)${p.cname};`);
    });
    const copied: string[] = [];
    const seen = new Set<string>();
    for (const v of scope) {
      if (seen.has(v.cname) || !used.has(v.cname)) continue;
      seen.add(v.cname);
      const slot = `duet_s->${v.cname}[duet_li]`;
      if (layoutOf(v.type).size > LOCAL_COPY_BYTES) {
        this.line(`${this.cppType(v.type)}& ${v.cname} = ${slot};`);
      } else {
        this.line(`${this.cppType(v.type)} ${v.cname} = ${declared.has(v.cname) ? '{}' : slot};`);
        if (keep.store(v.cname)) copied.push(v.cname);
      }
      this.line(`(void)${v.cname};`);
    }
    inner();
    if (keep.polls) this.line('duet_s->duet_stopped[duet_li] = ctx.stopped;');
    for (const g of this.privates) this.line(`duet_s->${g}[duet_li] = ctx.${g};`);
    for (const c of copied) this.line(`duet_s->${c}[duet_li] = ${c};`);
    this.indent--;
    this.line('}');
  }

  /**
   * `e` evaluated by every invocation still running; the name of a variable holding the value they
   * agree on. Ends the workgroup when none is running, or with DUET_STATUS_BARRIER when they disagree.
   */
  private uniform(e: Expr, type: Type, scope: readonly Promoted[]): string {
    const v = this.names.temp('duet_u');
    const ct = this.cppType(type);
    this.line(`${ct} ${v} = {};  // wgsl:${e.pos.line}, the same for the whole workgroup`);
    this.line('{');
    this.indent++;
    if (this.wu.isUniform(e)) {
      // Uniform by construction (fission-uniform.ts): evaluated once, nothing to compare.
      if (this.plan.returns)
        this.line(
          `if (duet_nret == ${this.n}u) return duet_cpu_finish(p, 0);  // every invocation has returned`,
        );
      this.bindingsAndInputs(namesUsed(this.checker, [], [e]));
      this.line(`${v} = ${stripParens(this.expr(e, type))};`);
      this.indent--;
      this.line('}');
      return v;
    }
    const writes = writesOf(this.checker, [], [e]);
    const keep = { store: (c: string) => writes.names.has(c), polls: writes.polls };
    const used = namesUsed(this.checker, [], [e]);
    if (!this.plan.returns && type.k === 'scalar' && type.s === 'bool') {
      // Every invocation runs (none can have returned): the value is uniform when it is true for all or
      // for none, two reductions g++ vectorises.
      this.line('bool duet_any = false, duet_every = true;');
      this.perInvocation(scope, used, new Set(), keep, () => {
        const c = this.expr(e, type);
        this.line(`const bool duet_c = ${stripParens(c)};`);
        this.line('duet_any |= duet_c;');
        this.line('duet_every &= duet_c;');
      });
      this.line(
        'if (duet_any != duet_every) return duet_cpu_finish(p, DUET_STATUS_BARRIER);  // not uniform',
      );
      this.line(`${v} = duet_any;`);
      this.indent--;
      this.line('}');
      return v;
    }
    this.line('bool duet_seen = false, duet_split = false;');
    this.perInvocation(scope, used, new Set(), keep, () => {
      const c = this.expr(e, type);
      this.line(`const ${ct} duet_c = ${stripParens(c)};`);
      this.line(`if (!duet_seen) duet_seen = true, ${v} = duet_c;`);
      this.line(`else if (duet_c != ${v}) duet_split = true;`);
    });
    this.line('if (!duet_seen) return duet_cpu_finish(p, 0);  // every invocation has returned');
    this.line('if (duet_split) return duet_cpu_finish(p, DUET_STATUS_BARRIER);  // not uniform');
    this.indent--;
    this.line('}');
    return v;
  }

  /**
   * A statement writing a variable held once (fission-uniform.ts): run once for the workgroup. A
   * declaration declares the C++ variable in the workgroup-level block, where every later region sees it.
   */
  private once(s: Stmt): void {
    if (s.kind === 'var') {
      const sym = this.checker.localSymbols.get(s)!;
      this.line(
        `${this.cppType(sym.type)} ${sym.cname} = {};  // wgsl:${s.pos.line} ${s.name}, one for the workgroup`,
      );
    }
    this.line('{');
    this.indent++;
    this.bindingsAndInputs(namesUsed(this.checker, [s]));
    if (s.kind === 'var') emitDeclAsAssign(this, s);
    else emitBlock(this, { kind: 'block', pos: s.pos, stmts: [s] }, false);
    this.indent--;
    this.line('}');
  }

  /**
   * `ctx` naming the workgroup's bindings, and the built-in inputs among `used`: for code the workgroup
   * runs once, and for an interchanged loop's body (duet_lx, duet_ly, duet_lz set by its loops).
   */
  private bindingsAndInputs(used: ReadonlySet<string>): void {
    this.line('const DuetCtx& ctx = duet_base;');
    this.line('(void)ctx;');
    const values = builtinValues(this.e, this.inv.values, this.names);
    this.e.fn.params.forEach((p, k) => {
      if (!used.has(p.cname)) return;
      this.line(`const ${this.cppType(p.type)} ${p.cname} = ${values[k]};`);
      this.line(`(void)${p.cname};`);
    });
  }

  /**
   * `let v = workgroupUniformLoad(p);`: a barrier, every invocation loads `*p` (WGSL section 17.11:
   * workgroupUniformLoad is a barrier, the load, a barrier), another barrier.
   */
  private uniformLoad(s: VarDecl & { init: Expr & { kind: 'call' } }, scope: readonly Promoted[]): void {
    const v = this.plan.promoted.get(s)!;
    const arg = s.init.args[0]!;
    const ptr = this.info(arg).type;
    this.barrier(s);
    const used = new Set([...namesUsed(this.checker, [], [arg]), v.cname]);
    const writes = writesOf(this.checker, [], [arg]);
    const keep = { store: (c: string) => c === v.cname || writes.names.has(c), polls: writes.polls };
    this.perInvocation(scope, used, new Set([v.cname]), keep, () => {
      const p = this.expr(arg);
      const atomic = ptr.k === 'ptr' && ptr.store.k === 'atomic';
      this.line(`${v.cname} = ${atomic ? `duet_atomicLoad(${p})` : `*${p}`};  // wgsl:${s.pos.line}`);
    });
    this.barrier(s);
  }

  /** A barrier: every invocation still running has reached it; the checks the fibers' scheduler makes. */
  private barrier(s: Stmt): void {
    this.line(`// wgsl:${s.pos.line} barrier`);
    this.lastLine = s.pos.line;
    if (this.plan.returns) {
      this.line(`if (duet_nret == ${this.n}u) return duet_cpu_finish(p, 0);`);
      this.line('if (duet_cpu_abort_requested(p)) return duet_cpu_finish(p, DUET_STATUS_ABORTED);');
      this.line(
        'if (duet_nret) return duet_cpu_finish(p, DUET_STATUS_BARRIER);  // some invocations returned',
      );
    } else {
      this.line('if (duet_cpu_abort_requested(p)) return duet_cpu_finish(p, DUET_STATUS_ABORTED);');
    }
  }

  /** A workgroup-level statement (fission-shape.ts has checked its kind). */
  private stmt(s: Stmt, scope: readonly Promoted[]): void {
    switch (s.kind) {
      case 'call':
        this.barrier(s);
        return;
      case 'break':
        this.line('break;');
        return;
      case 'continue': {
        const loop = this.wgLoops[this.wgLoops.length - 1]!;
        if (loop.label) loop.used = true;
        this.line(loop.label ? `goto ${loop.label};` : 'continue;');
        return;
      }
      case 'block':
        this.line('{');
        this.indent++;
        this.block(s.stmts, scope);
        this.indent--;
        this.line('}');
        return;
      case 'if': {
        const c = this.uniform(s.cond, scalar('bool'), scope);
        this.line(`if (${c}) {`);
        this.indent++;
        this.block(s.then.stmts, scope);
        this.indent--;
        if (s.else) {
          this.line('} else {');
          this.indent++;
          this.block(s.else.kind === 'if' ? [s.else] : s.else.stmts, scope);
          this.indent--;
        }
        this.line('}');
        return;
      }
      case 'switch': {
        const t = concretizeDefault(this.info(s.selector).type);
        const sel = this.uniform(s.selector, t, scope);
        this.line(`switch (${sel}) {`);
        for (const c of s.clauses) {
          for (const x of c.selectors) {
            if (x === null) this.line('default:');
            else this.line(`case ${scalarLiteral(this.info(x).konst!, scalarOf(t)!)}:`);
          }
          this.line('{');
          this.indent++;
          this.block(c.body.stmts, scope);
          this.indent--;
          this.line('}');
          this.line('break;');
        }
        this.line('}');
        return;
      }
      case 'for': {
        this.line('{');
        this.indent++;
        const later = { stmts: [s.body, ...(s.update ? [s.update] : [])], exprs: s.cond ? [s.cond] : [] };
        const inner = s.init ? this.block([s.init], scope, later) : [...scope];
        this.loop(s.cond, s.body, s.update ? [s.update] : [], undefined, inner, s.pos.line);
        this.indent--;
        this.line('}');
        return;
      }
      case 'while':
        this.loop(s.cond, s.body, [], undefined, scope, s.pos.line);
        return;
      case 'loop':
        this.loop(
          undefined,
          s.body,
          s.continuing?.body.stmts ?? [],
          s.continuing?.breakIf,
          scope,
          s.pos.line,
        );
        return;
      default:
        throw new Error(`internal: '${s.kind}' is not a workgroup-level statement`);
    }
  }

  /** A workgroup-level loop: abort poll and guard, condition, body, continuing part and `break if`. */
  private loop(
    cond: Expr | undefined,
    body: Block,
    continuing: readonly Stmt[],
    breakIf: Expr | undefined,
    scope: readonly Promoted[],
    wgslLine: number,
  ): void {
    const it = this.names.temp('duet_wit');
    const hasContinuing = continuing.length > 0 || breakIf !== undefined;
    const frame = { label: hasContinuing ? this.names.temp('duet_wcontinue_') : undefined, used: false };
    this.line(`for (unsigned long long ${it} = 0;; ++${it}) {  // wgsl:${wgslLine} loop, once per workgroup`);
    this.indent++;
    this.line('if (duet_cpu_abort_requested(p)) return duet_cpu_finish(p, DUET_STATUS_ABORTED);');
    this.line(`if (${it} >= DUET_LOOP_GUARD_ITERATIONS) {`);
    this.line('  duet_cpu_raise_status(p, DUET_STATUS_LOOP_GUARD);');
    this.line(
      `  for (unsigned duet_li = 0; duet_li < ${this.n}u; duet_li++) duet_s->duet_stopped[duet_li] = -1;`,
    );
    this.line('  break;');
    this.line('}');
    if (cond) {
      const c = this.uniform(cond, scalar('bool'), scope);
      this.line(`if (!${c}) break;`);
    }
    this.wgLoops.push(frame);
    this.line('{');
    this.indent++;
    // The continuing part sees the body's declarations (WGSL section 9.4.5).
    const inner = this.block(body.stmts, scope, { stmts: continuing, exprs: breakIf ? [breakIf] : [] });
    this.indent--;
    this.line('}');
    this.wgLoops.pop();
    if (frame.used) this.line(`${frame.label}:;`);
    this.block(continuing, inner, { stmts: [], exprs: breakIf ? [breakIf] : [] });
    if (breakIf) {
      const c = this.uniform(breakIf, scalar('bool'), inner);
      this.line(`if (${c}) break;`);
    }
    this.indent--;
    this.line('}');
  }
}
