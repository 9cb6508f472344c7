/**
 * Uniformity analysis (WGSL spec §15.2 "Uniformity Analysis"). For each function reachable from an
 * entry point, callees first, builds the spec's graph: value and control-flow nodes with edges to
 * what they depend on, the sinks `RequiredToBeUniform` (here: one `req` node per collective call or
 * uniform-argument requirement) and `MayBeNonUniform`, and the function's inputs `CF_start` and
 * `param_i`. Reachability then gives the function's tags — call-site tag (a requirement reaches
 * CF_start), parameter tags (a requirement reaches param_i), the function tag (Value_return reaches
 * MayBeNonUniform) and which parameters the return value / pointer outputs depend on — and a
 * requirement that reaches MayBeNonUniform is a positioned error, like Tint's
 * `'workgroupBarrier' must only be called from uniform control flow`.
 *
 * Non-uniform sources: local_invocation_id/index, global_invocation_id/index, subgroup_invocation_id, subgroup_id,
 * reads of read_write storage / workgroup / private variables, atomic results. Uniform: constants,
 * overrides, uniform and read-only storage buffers, workgroup_id/index, num_workgroups, subgroup_size, num_subgroups and
 * `workgroupUniformLoad` results. Statements the behavior analysis (§14.4) proves unreachable are not
 * analyzed; control flow reconverges after a statement whose behaviors are {Next}.
 */
import { CompileError, type Pos } from '../diagnostics';
import type { Block, CallExpr, Expr, FnDecl, Module, Stmt, VarDecl } from './ast';
import type { CheckedFunctions } from './check/annotations';

const NON_UNIFORM_BUILTINS = new Set([
  'local_invocation_id',
  'local_invocation_index',
  'global_invocation_id',
  'global_invocation_index',
  'subgroup_invocation_id',
  'subgroup_id',
]);
const BARRIERS = new Set(['workgroupBarrier', 'storageBarrier', 'textureBarrier']);
const isSubgroupOp = (n: string) => /^(subgroup|quad)[A-Z]/.test(n);

interface Node {
  edges: Node[];
  /** A requirement: the error reported when it reaches MayBeNonUniform. */
  req?: { pos: Pos; message: string; notes: Note[] };
  /** A condition whose value decides control flow. */
  cond?: Pos;
  /** Where a possibly non-uniform value comes from. */
  src?: Note;
  /** CF_start / param_i of the function being analyzed. */
  input?: 'cf' | number;
}

interface Note {
  pos: Pos;
  message: string;
}

type Behavior = 'next' | 'break' | 'continue' | 'return';
type Beh = Set<Behavior>;

/** The tags of an analyzed function, as its callers see them. */
interface Summary {
  /** CallSiteRequiredToBeUniform: why (the first requirement that reaches CF_start). */
  callSite?: Note;
  /** ParameterRequiredToBeUniform per parameter. */
  paramRequired: boolean[];
  /** ReturnValueMayBeNonUniform. */
  retNonUniform: boolean;
  /** Parameters the return value depends on. */
  retDeps: boolean[];
  /** Pointer parameters: what the pointee may hold after the call. */
  ptrOutNonUniform: boolean[];
  ptrOutDeps: boolean[][];
}

type VarKey = VarDecl | number; // local `var`, or the pointee of pointer parameter i
type State = Map<VarKey, Node>;

interface Exit {
  cf: Node;
  vars: State;
}

interface Ctx {
  kind: 'loop' | 'switch';
  breaks: Exit[];
  continues: Exit[];
}

const node = (...edges: Node[]): Node => ({ edges });

export class Uniformity {
  private readonly summaries = new Map<string, Summary>();
  private readonly subgroupChecked: boolean;

  constructor(
    module: Module,
    private readonly checked: CheckedFunctions,
  ) {
    this.subgroupChecked = !module.decls.some(
      (d) =>
        d.kind === 'directive' &&
        d.directive === 'diagnostic' &&
        d.names.includes('subgroup_uniformity') &&
        (d.names[0] === 'off' || d.names[0] === 'info' || d.names[0] === 'warning'),
    );
  }

  /** Analyze an entry point and every function it calls; throws the first uniformity error. */
  checkEntry(name: string): void {
    this.summary(name, true);
  }

  private summary(name: string, entry = false): Summary {
    const have = this.summaries.get(name);
    if (have) return have;
    const fi = this.checked.fnInfo.get(name);
    if (!fi) throw new Error(`uniformity: function '${name}' was not checked`);
    for (const c of fi.calls) this.summary(c);
    const s = new FnAnalysis(this, this.checked, fi.decl, entry, this.subgroupChecked).run();
    this.summaries.set(name, s);
    return s;
  }

  get(name: string): Summary {
    return this.summary(name);
  }
}

class FnAnalysis {
  private readonly mayBeNonUniform = node();
  private readonly cfStart: Node = { edges: [], input: 'cf' };
  private readonly params: Node[];
  private readonly ret = node();
  private readonly ptrOut: Node[];
  private readonly reqs: Node[] = [];
  private vars: State = new Map();
  private readonly lets = new Map<VarDecl, Node>();
  private readonly ctx: Ctx[] = [];
  private readonly behCache = new Map<Stmt, Beh>();
  private readonly paramIndex = new Map<string, number>();

  constructor(
    private readonly u: Uniformity,
    private readonly checked: CheckedFunctions,
    private readonly fn: FnDecl,
    private readonly entry: boolean,
    private readonly subgroupChecked: boolean,
  ) {
    const fi = checked.fnInfo.get(fn.name)!;
    this.params = fn.params.map((_, i) => ({ edges: [], input: i }));
    this.ptrOut = fn.params.map(() => node());
    fi.params.forEach((p, i) => {
      this.paramIndex.set(p.name, i);
      if (entry) {
        const param = this.params[i]!;
        const nonUniform = p.builtin
          ? NON_UNIFORM_BUILTINS.has(p.builtin)
          : (p.builtinStruct ?? []).some((b) => NON_UNIFORM_BUILTINS.has(b));
        if (nonUniform) {
          param.src = {
            pos: fn.params[i]!.pos,
            message: `builtin '${p.name}' of '${fn.name}' may be non-uniform`,
          };
          param.edges.push(this.mayBeNonUniform);
        }
      }
      if (p.type.k === 'ptr') this.vars.set(i, this.params[i]!);
    });
  }

  run(): Summary {
    const cf = this.block(this.fn.body, this.cfStart);
    void cf;
    // The pointee of each pointer parameter at the end (every `return` also records it).
    this.recordPtrOut();
    this.report();
    const reach = (from: Node[]): Set<Node> => {
      const seen = new Set<Node>();
      const stack = [...from];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        for (const e of n.edges) stack.push(e);
      }
      return seen;
    };
    let callSite: Note | undefined;
    const paramRequired = this.params.map(() => false);
    for (const r of this.reqs) {
      const seen = reach([r]);
      if (!callSite && seen.has(this.cfStart)) callSite = { pos: r.req!.pos, message: r.req!.message };
      this.params.forEach((p, i) => {
        if (seen.has(p)) paramRequired[i] = true;
      });
    }
    const retSeen = reach([this.ret]);
    const outSeen = this.ptrOut.map((p) => reach([p]));
    return {
      callSite,
      paramRequired,
      retNonUniform: retSeen.has(this.mayBeNonUniform),
      retDeps: this.params.map((p) => retSeen.has(p)),
      ptrOutNonUniform: outSeen.map((s) => s.has(this.mayBeNonUniform)),
      ptrOutDeps: outSeen.map((s) => this.params.map((p) => s.has(p))),
    };
  }

  private recordPtrOut(): void {
    this.fn.params.forEach((_, i) => {
      const v = this.vars.get(i);
      if (v) this.ptrOut[i]!.edges.push(v);
    });
  }

  /** The first requirement (in source order) that reaches MayBeNonUniform is an error. */
  private report(): void {
    const target = this.mayBeNonUniform;
    // Nodes that reach MayBeNonUniform: reverse reachability.
    const rev = new Map<Node, Node[]>();
    const all = new Set<Node>();
    const stack: Node[] = [...this.reqs];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (all.has(n)) continue;
      all.add(n);
      for (const e of n.edges) {
        const l = rev.get(e) ?? [];
        rev.set(e, l);
        l.push(n);
        stack.push(e);
      }
    }
    if (!all.has(target)) return;
    const bad = new Set<Node>();
    const work = [target];
    while (work.length > 0) {
      const n = work.pop()!;
      if (bad.has(n)) continue;
      bad.add(n);
      for (const p of rev.get(n) ?? []) work.push(p);
    }
    const first = this.reqs
      .filter((r) => bad.has(r))
      .sort((a, b) => a.req!.pos.offset - b.req!.pos.offset)[0];
    if (!first) return;
    // A shortest path from the requirement to MayBeNonUniform, for the notes.
    const parent = new Map<Node, Node | null>([[first, null]]);
    const queue = [first];
    while (queue.length > 0) {
      const n = queue.shift()!;
      if (n === target) break;
      for (const e of n.edges) {
        if (!bad.has(e) || parent.has(e)) continue;
        parent.set(e, n);
        queue.push(e);
      }
    }
    const path: Node[] = [];
    for (let n: Node | null | undefined = target; n; n = parent.get(n)) path.unshift(n);
    const notes: Note[] = [...first.req!.notes];
    const cond = path.find((n) => n.cond);
    if (cond?.cond)
      notes.push({ pos: cond.cond, message: 'control flow depends on possibly non-uniform value' });
    const src = [...path].reverse().find((n) => n.src);
    if (src?.src) notes.push(src.src);
    throw new CompileError(first.req!.pos, first.req!.message, notes);
  }

  private require(on: Node, pos: Pos, message: string, notes: Note[] = []): void {
    const r: Node = { edges: [on], req: { pos, message, notes } };
    this.reqs.push(r);
  }

  // ---- behaviors (§14.4) ---------------------------------------------------------------------------------

  private beh(s: Stmt): Beh {
    const have = this.behCache.get(s);
    if (have) return have;
    const b = this.computeBeh(s);
    this.behCache.set(s, b);
    return b;
  }

  private blockBeh(stmts: Stmt[]): Beh {
    const out: Beh = new Set(['next']);
    for (const s of stmts) {
      const b = this.beh(s);
      out.delete('next');
      for (const x of b) out.add(x);
      if (!b.has('next')) break;
    }
    return out;
  }

  private computeBeh(s: Stmt): Beh {
    switch (s.kind) {
      case 'block':
        return this.blockBeh(s.stmts);
      case 'break':
        return new Set(['break']);
      case 'continue':
        return new Set(['continue']);
      case 'return':
        return new Set(['return']);
      case 'discard':
        return new Set(['next']);
      case 'if': {
        const out = new Set(this.beh(s.then));
        if (s.else) for (const x of this.beh(s.else)) out.add(x);
        else out.add('next');
        return out;
      }
      case 'switch': {
        const out: Beh = new Set();
        for (const c of s.clauses) for (const x of this.beh(c.body)) out.add(x);
        if (out.delete('break')) out.add('next');
        return out;
      }
      case 'loop': {
        const out = new Set(this.beh(s.body));
        if (s.continuing) for (const x of this.blockBeh(s.continuing.body.stmts)) out.add(x);
        const exits = out.has('break') || s.continuing?.breakIf !== undefined;
        out.delete('break');
        out.delete('continue');
        out.delete('next');
        if (exits) out.add('next');
        return out;
      }
      case 'for':
      case 'while': {
        const out = new Set(this.beh(s.body));
        if (s.kind === 'for' && s.update) for (const x of this.beh(s.update)) out.add(x);
        out.delete('break');
        out.delete('continue');
        const exits = s.cond !== undefined || this.beh(s.body).has('break');
        out.delete('next');
        if (exits) out.add('next');
        return out;
      }
      default:
        return new Set(['next']);
    }
  }

  private only(b: Beh): boolean {
    return b.size === 1 && b.has('next');
  }

  // ---- statements ----------------------------------------------------------------------------------------

  private block(b: Block, cf: Node): Node {
    return this.stmts(b.stmts, cf);
  }

  private stmts(list: Stmt[], cf: Node): Node {
    for (const s of list) {
      cf = this.stmt(s, cf);
      if (!this.beh(s).has('next')) break; // the rest is unreachable and not analyzed
    }
    return cf;
  }

  private copy(): State {
    return new Map(this.vars);
  }

  /** Merges exits: a variable with different values on different paths gets a node joining them. */
  private merge(exits: Exit[], keys: Iterable<VarKey>, withCf: boolean): State {
    const out: State = new Map();
    for (const k of keys) {
      const vs = new Set<Node>();
      for (const e of exits) {
        const v = e.vars.get(k);
        if (v) vs.add(v);
        if (withCf) vs.add(e.cf);
      }
      if (vs.size === 1) out.set(k, [...vs][0]!);
      else if (vs.size > 1) out.set(k, node(...vs));
    }
    return out;
  }

  private stmt(s: Stmt, cf: Node): Node {
    switch (s.kind) {
      case 'block':
        return this.block(s, cf);
      case 'var': {
        if (s.declKind === 'const') return cf;
        let v = cf;
        if (s.init) [cf, v] = this.value(s.init, cf);
        if (s.declKind === 'let') this.lets.set(s, v);
        else this.vars.set(s, v);
        return cf;
      }
      case 'const_assert':
      case 'discard':
      case 'break':
      case 'continue':
      case 'return':
        return this.jump(s, cf);
      case 'call':
        return this.value(s.call, cf)[0];
      case 'assign': {
        if (!s.lhs) return this.value(s.rhs, cf)[0];
        const compound = s.op !== '=';
        const [cf1, target] = this.lvalue(s.lhs, cf);
        const [cf2, v] = this.value(s.rhs, cf1);
        this.store(target, node(cf2, v, ...target.indices), compound || target.partial);
        return cf2;
      }
      case 'incdec': {
        const [cf1, target] = this.lvalue(s.lhs, cf);
        this.store(target, node(cf1, ...target.indices), true);
        return cf1;
      }
      case 'if': {
        const [cf1, c] = this.value(s.cond, cf);
        const cond: Node = { edges: [c], cond: s.cond.pos };
        const saved = this.copy();
        const exits: Exit[] = [];
        const thenCf = this.block(s.then, cond);
        if (this.beh(s.then).has('next')) exits.push({ cf: thenCf, vars: this.vars });
        this.vars = new Map(saved);
        const elseCf = s.else ? this.stmt(s.else, cond) : cond;
        if (!s.else || this.beh(s.else).has('next')) exits.push({ cf: elseCf, vars: this.vars });
        this.vars = exits.length > 0 ? this.merge(exits, saved.keys(), false) : saved;
        return this.only(this.beh(s)) ? cf1 : node(thenCf, elseCf);
      }
      case 'switch': {
        const [cf1, sel] = this.value(s.selector, cf);
        const cond: Node = { edges: [sel], cond: s.selector.pos };
        for (const c of s.clauses) for (const e of c.selectors) if (e) this.value(e, cf1);
        const saved = this.copy();
        const ctx: Ctx = { kind: 'switch', breaks: [], continues: [] };
        this.ctx.push(ctx);
        const cfs: Node[] = [];
        const exits: Exit[] = [];
        for (const c of s.clauses) {
          this.vars = new Map(saved);
          const end = this.block(c.body, cond);
          cfs.push(end);
          if (this.beh(c.body).has('next')) exits.push({ cf: end, vars: this.vars });
        }
        this.ctx.pop();
        exits.push(...ctx.breaks);
        cfs.push(...ctx.breaks.map((b) => b.cf));
        // a `continue` inside the switch continues the enclosing loop
        const loop = this.loopCtx();
        if (loop) loop.continues.push(...ctx.continues);
        this.vars = exits.length > 0 ? this.merge(exits, saved.keys(), false) : saved;
        return this.only(this.beh(s)) ? cf1 : node(...cfs);
      }
      case 'loop':
        return this.loop(
          cf,
          s,
          s.body.stmts,
          undefined,
          undefined,
          s.continuing?.body.stmts,
          s.continuing?.breakIf,
        );
      case 'while':
        return this.loop(cf, s, s.body.stmts, s.cond);
      case 'for': {
        if (s.init) cf = this.stmt(s.init, cf);
        return this.loop(cf, s, s.body.stmts, s.cond, s.update);
      }
    }
  }

  private loopCtx(): Ctx | undefined {
    for (let i = this.ctx.length - 1; i >= 0; i--) if (this.ctx[i]!.kind === 'loop') return this.ctx[i];
    return undefined;
  }

  private jump(s: Stmt, cf: Node): Node {
    if (s.kind === 'break') this.ctx[this.ctx.length - 1]?.breaks.push({ cf, vars: this.copy() });
    else if (s.kind === 'continue') {
      const c = this.ctx[this.ctx.length - 1];
      c?.continues.push({ cf, vars: this.copy() });
    } else if (s.kind === 'return') {
      if (s.value) {
        const [cf1, v] = this.value(s.value, cf);
        this.ret.edges.push(v);
        cf = cf1;
      }
      this.recordPtrOut();
    }
    return cf;
  }

  private loop(
    cf: Node,
    s: Stmt,
    body: Stmt[],
    cond?: Expr,
    update?: Stmt,
    continuing?: Stmt[],
    breakIf?: Expr,
  ): Node {
    const outer = this.copy();
    const head = node(cf);
    const entry: State = new Map();
    for (const [k, v] of outer) entry.set(k, node(v));
    this.vars = new Map(entry);
    const ctx: Ctx = { kind: 'loop', breaks: [], continues: [] };
    this.ctx.push(ctx);
    let start = head;
    if (cond) {
      const [cf1, c] = this.value(cond, head);
      start = { edges: [c], cond: cond.pos };
      ctx.breaks.push({ cf: start, vars: this.copy() });
      void cf1;
    }
    const end = this.stmts(body, start);
    if (this.blockBeh(body).has('next')) ctx.continues.push({ cf: end, vars: this.vars });
    let cont: Node = head;
    if (ctx.continues.length > 0) {
      cont = node(...ctx.continues.map((c) => c.cf));
      // variables declared in the body stay visible in `continuing`
      const keys = new Set(ctx.continues.flatMap((c) => [...c.vars.keys()]));
      this.vars = this.merge(ctx.continues, keys, false);
      if (continuing) cont = this.stmts(continuing, cont);
      if (update) cont = this.stmt(update, cont);
      if (breakIf) {
        const [, c] = this.value(breakIf, cont);
        cont = { edges: [c], cond: breakIf.pos };
        ctx.breaks.push({ cf: cont, vars: this.copy() });
      }
      head.edges.push(cont);
      for (const [k, v] of entry) {
        const now = this.vars.get(k);
        if (now && now !== v) v.edges.push(now);
      }
    }
    this.ctx.pop();
    this.vars = ctx.breaks.length > 0 ? this.merge(ctx.breaks, outer.keys(), true) : outer;
    for (const [k, v] of outer) if (!this.vars.has(k)) this.vars.set(k, v);
    return this.only(this.beh(s)) ? cf : node(head, ...ctx.breaks.map((b) => b.cf));
  }

  // ---- expressions ---------------------------------------------------------------------------------------

  /** Evaluates `e` in control flow `cf`: the control flow after it and the node of its value. */
  private value(e: Expr, cf: Node): [Node, Node] {
    const info = this.checked.info.get(e);
    switch (e.kind) {
      case 'lit':
        return [cf, cf];
      case 'ident': {
        const sym = info?.symbol;
        if (!sym) return [cf, cf];
        if (info.type.k === 'ptr') return [cf, cf]; // a pointer value itself: uniform as its indices
        return [cf, node(cf, this.read(e, cf))];
      }
      case 'member': {
        const entryMember = this.entryStructMember(e);
        if (entryMember) return [cf, entryMember];
        const [cf1, b] = this.readBase(e.base, cf);
        return [cf1, node(cf1, b)];
      }
      case 'index': {
        const [cf1, b] = this.readBase(e.base, cf);
        const [cf2, i] = this.value(e.index, cf1);
        return [cf2, node(cf2, b, i)];
      }
      case 'unary': {
        if (e.op === '&') {
          const [cf1, t] = this.lvalue(e.operand, cf);
          return [cf1, node(cf1, ...t.indices)];
        }
        if (e.op === '*') {
          const [cf1, t] = this.lvalue(e.operand, cf);
          return [cf1, node(cf1, t.contents, ...t.indices)];
        }
        const [cf1, v] = this.value(e.operand, cf);
        return [cf1, v];
      }
      case 'binary': {
        const [cf1, l] = this.value(e.left, cf);
        if (e.op === '&&' || e.op === '||') {
          const guard: Node = { edges: [l], cond: e.left.pos };
          const [, r] = this.value(e.right, guard);
          return [cf1, node(l, r)];
        }
        const [cf2, r] = this.value(e.right, cf1);
        return [cf2, node(l, r)];
      }
      case 'call':
        return this.call(e, cf);
    }
  }

  /** The base of an index/member access: its contents (through a pointer when it is one). */
  private readBase(base: Expr, cf: Node): [Node, Node] {
    const bi = this.checked.info.get(base);
    if (bi?.type.k === 'ptr') {
      const [cf1, t] = this.lvalue(base, cf);
      return [cf1, node(cf1, t.contents, ...t.indices)];
    }
    return this.value(base, cf);
  }

  /** `in.local_invocation_id` on an entry point's builtin struct parameter. */
  private entryStructMember(e: Extract<Expr, { kind: 'member' }>): Node | undefined {
    if (!this.entry || e.base.kind !== 'ident') return undefined;
    const sym = this.checked.info.get(e.base)?.symbol;
    if (sym?.kind !== 'param') return undefined;
    const i = this.paramIndex.get(sym.name)!;
    const p = this.checked.fnInfo.get(this.fn.name)!.params[i]!;
    if (!p.builtinStruct || p.type.k !== 'struct') return undefined;
    const m = p.type.members.findIndex((x) => x.name === e.name);
    const b = p.builtinStruct[m];
    if (b === undefined) return undefined;
    if (!NON_UNIFORM_BUILTINS.has(b)) return this.cfStart;
    return this.params[i];
  }

  /** The contents of the variable (or let, parameter, global) an identifier names. */
  private read(e: Extract<Expr, { kind: 'ident' }>, cf: Node): Node {
    const sym = this.checked.info.get(e)?.symbol;
    if (!sym) return cf;
    switch (sym.kind) {
      case 'local':
        if (sym.decl.declKind === 'let') return this.lets.get(sym.decl) ?? cf;
        return this.vars.get(sym.decl) ?? cf;
      case 'param': {
        const i = this.paramIndex.get(sym.name);
        return i === undefined ? cf : (this.vars.get(i) ?? this.params[i]!);
      }
      case 'global':
        return this.globalContents(sym.g.decl, sym.g.space, sym.g.access, e.pos);
      default:
        return cf;
    }
  }

  private globalContents(decl: VarDecl, space: string, access: string, pos: Pos): Node {
    if (space === 'uniform' || space === 'handle' || (space === 'storage' && access === 'read'))
      return node();
    const what =
      space === 'storage'
        ? 'read_write storage buffer'
        : space === 'workgroup'
          ? 'workgroup variable'
          : 'module-scope variable';
    return {
      edges: [this.mayBeNonUniform],
      src: { pos, message: `reading from ${what} '${decl.name}' may result in a non-uniform value` },
    };
  }

  /** An lvalue: the variable it roots in, its current contents, the index values on the way. */
  private lvalue(
    e: Expr,
    cf: Node,
  ): [Node, { key?: VarKey; ptrParam?: number; contents: Node; indices: Node[]; partial: boolean }] {
    switch (e.kind) {
      case 'ident': {
        const sym = this.checked.info.get(e)?.symbol;
        if (sym?.kind === 'local' && sym.decl.declKind === 'let' && sym.decl.init) {
          // a pointer `let`: the place it points at (its indices were evaluated at the `let`)
          const [, t] = this.lvalue(sym.decl.init, cf);
          const v = this.lets.get(sym.decl);
          return [cf, { ...t, indices: v ? [v] : [] }];
        }
        if (sym?.kind === 'local')
          return [cf, { key: sym.decl, contents: this.read(e, cf), indices: [], partial: false }];
        if (sym?.kind === 'param') {
          const i = this.paramIndex.get(sym.name)!;
          const isPtr = this.checked.info.get(e)?.type.k === 'ptr';
          return [
            cf,
            {
              key: isPtr ? i : undefined,
              ptrParam: isPtr ? i : undefined,
              contents: this.read(e, cf),
              indices: [],
              partial: false,
            },
          ];
        }
        return [cf, { contents: this.read(e, cf), indices: [], partial: false }];
      }
      case 'index': {
        const [cf1, t] = this.lvalue(e.base, cf);
        const [cf2, i] = this.value(e.index, cf1);
        return [cf2, { ...t, indices: [...t.indices, i], partial: true }];
      }
      case 'member': {
        const [cf1, t] = this.lvalue(e.base, cf);
        return [cf1, { ...t, partial: true }];
      }
      case 'unary':
        if (e.op === '&' || e.op === '*') return this.lvalue(e.operand, cf);
        break;
      case 'call':
        // bufferView / bufferArrayView (language feature buffer_view): a place inside the buffer
        // the first argument points at, chosen by the offset (and size), as an index chooses one.
        if (e.callee.name === 'bufferView' || e.callee.name === 'bufferArrayView') {
          if (this.checked.info.get(e)?.call?.kind !== 'builtin') break;
          let [c, t] = this.lvalue(e.args[0]!, cf);
          const indices = [...t.indices];
          for (const a of e.args.slice(1)) {
            const [c1, v] = this.value(a, c);
            c = c1;
            indices.push(v);
          }
          t = { ...t, indices, partial: true };
          return [c, t];
        }
        break;
      default:
        break;
    }
    const [cf1, v] = this.value(e, cf);
    return [cf1, { contents: v, indices: [], partial: true }];
  }

  private store(
    t: { key?: VarKey; ptrParam?: number; contents: Node; indices: Node[] },
    v: Node,
    partial: boolean,
  ): void {
    if (t.key === undefined) return; // module-scope variables are never uniform when read back
    const now = partial ? node(v, t.contents) : v;
    this.vars.set(t.key, now);
    if (t.ptrParam !== undefined) this.ptrOut[t.ptrParam]!.edges.push(now);
  }

  private call(e: CallExpr, cf: Node): [Node, Node] {
    const info = this.checked.info.get(e);
    const target = info?.call;
    const args: Node[] = [];
    const places: ReturnType<FnAnalysis['lvalue']>[1][] = [];
    for (const a of e.args) {
      const isPtr = this.checked.info.get(a)?.type.k === 'ptr';
      if (isPtr && target?.kind === 'user') {
        const [cf1, t] = this.lvalue(a, cf);
        cf = cf1;
        places.push(t);
        args.push(node(cf1, t.contents, ...t.indices));
      } else {
        const [cf1, v] = this.value(a, cf);
        cf = cf1;
        args.push(v);
        places.push({ contents: v, indices: [], partial: true });
      }
    }
    const name = e.callee.name;
    const at = node(cf);
    if (target?.kind === 'builtin') {
      if (
        BARRIERS.has(name) ||
        name === 'workgroupUniformLoad' ||
        (this.subgroupChecked && isSubgroupOp(name))
      ) {
        this.require(at, e.pos, `'${name}' must only be called from uniform control flow`);
      }
      if (name === 'workgroupUniformLoad') {
        this.require(args[0]!, e.args[0]!.pos, 'possibly non-uniform value passed here', [
          { pos: e.pos, message: "'workgroupUniformLoad' requires argument 0 to be uniform" },
        ]);
        return [cf, node(cf)];
      }
      if (isSubgroupOp(name) && /^subgroupShuffle(Up|Down|Xor)$/.test(name) && this.subgroupChecked) {
        this.require(args[1]!, e.args[1]!.pos, 'possibly non-uniform value passed here', [
          { pos: e.pos, message: `'${name}' requires argument 1 to be uniform` },
        ]);
      }
      if (name.startsWith('atomic') || isSubgroupOp(name)) {
        return [
          cf,
          {
            edges: [this.mayBeNonUniform],
            src: { pos: e.pos, message: `return value of '${name}' may be non-uniform` },
          },
        ];
      }
      return [cf, node(cf, ...args)];
    }
    if (target?.kind !== 'user') return [cf, node(cf, ...args)];
    const s = this.u.get(target.fn.name);
    if (s.callSite) {
      this.require(at, e.pos, `'${name}' must only be called from uniform control flow`, [
        {
          pos: s.callSite.pos,
          message: `'${name}' requires uniformity because of this: ${s.callSite.message}`,
        },
      ]);
    }
    s.paramRequired.forEach((req, i) => {
      if (req) {
        this.require(args[i]!, e.args[i]!.pos, 'possibly non-uniform value passed here', [
          { pos: target.fn.params[i]!.pos, message: `'${name}' requires argument ${i} to be uniform` },
        ]);
      }
    });
    const result = node(at);
    if (s.retNonUniform) {
      result.edges.push(this.mayBeNonUniform);
      result.src = { pos: e.pos, message: `return value of '${name}' may be non-uniform` };
    }
    s.retDeps.forEach((d, i) => {
      if (d) result.edges.push(args[i]!);
    });
    places.forEach((t, i) => {
      if (this.checked.info.get(e.args[i]!)?.type.k !== 'ptr') return;
      const out = node(at); // what the callee left there (its own old contents are a dependency then)
      if (s.ptrOutNonUniform[i]) out.edges.push(this.mayBeNonUniform);
      s.ptrOutDeps[i]!.forEach((d, j) => {
        if (d) out.edges.push(args[j]!);
      });
      this.store(t, out, t.partial);
    });
    return [cf, result];
  }
}
