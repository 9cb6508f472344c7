/**
 * Test-case reduction for the differential fuzzer (the greedy, structure-aware kind C-Reduce and
 * wgslsmith's reducer do): try one small edit at a time — delete a statement or a helper, replace a
 * compound statement by its body, cut a loop to one trip, replace an expression by one of its operands
 * of the same type or by a zero literal — and keep the edit when `interesting` still holds. The caller's
 * predicate decides validity too (front end and both backends must accept the edited program), so an
 * edit that breaks scoping or typing is simply not kept. Repeats until a full pass keeps nothing.
 * Test-only (compiler/difffuzz is a leaf: the predicate brings the backends).
 */
import type { Expr, Program, Stmt, Ty } from './program';

type Interesting = (p: Program) => Promise<boolean>;

interface ReduceResult {
  program: Program;
  /** Predicate calls made, and edits kept. */
  checks: number;
  kept: number;
}

const ZERO: Record<Ty, string> = {
  i32: '0i',
  u32: '0u',
  f32: '0.0f',
  bool: 'false',
  'vec2<i32>': 'vec2<i32>()',
  'vec4<u32>': 'vec4<u32>()',
};

/** One candidate edit: applied to a fresh copy, `null` when it does not apply there. */
type Edit = (p: Program) => Program | null;

function blocksOf(s: Stmt): Stmt[][] {
  switch (s.k) {
    case 'if':
      return [s.yes, s.els];
    case 'loop':
    case 'block':
      return [s.body];
    case 'switch':
      return s.cases.map((c) => c.body);
    default:
      return [];
  }
}

/** Every statement list of the program, in a fixed order (helpers first, then the body, depth-first). */
function allBlocks(p: Program): Stmt[][] {
  const out: Stmt[][] = [];
  const walk = (b: Stmt[]) => {
    out.push(b);
    for (const s of b) for (const inner of blocksOf(s)) walk(inner);
  };
  for (const h of p.helpers) walk(h.body);
  walk(p.body);
  return out;
}

/** Every expression node (outermost first), each with a setter that replaces it in place. */
function allExprs(p: Program): { e: Expr; set: (x: Expr) => void }[] {
  const out: { e: Expr; set: (x: Expr) => void }[] = [];
  const walk = (e: Expr, set: (x: Expr) => void) => {
    out.push({ e, set });
    e.args.forEach((a, i) => {
      walk(a, (x) => {
        e.args[i] = x;
      });
    });
  };
  for (const h of p.helpers)
    walk(h.result, (x) => {
      h.result = x;
    });
  for (const b of allBlocks(p))
    for (const s of b) {
      if (s.k === 'decl' && s.init) {
        const d = s;
        walk(d.init!, (x) => {
          d.init = x;
        });
      } else if (s.k === 'assign') walk(s.rhs, (x) => (s.rhs = x));
      else if (s.k === 'record') walk(s.e, (x) => (s.e = x));
      else if (s.k === 'if') walk(s.cond, (x) => (s.cond = x));
      else if (s.k === 'switch') walk(s.sel, (x) => (s.sel = x));
      else if (s.k === 'raw')
        s.args.forEach((a, i) => {
          walk(a, (x) => {
            s.args[i] = x;
          });
        });
    }
  return out;
}

/** What the reducer shrinks: the tree's length, plus loop trips (fewer trips, smaller repro). */
function size(p: Program): number {
  const trips = allBlocks(p)
    .flat()
    .reduce((n, s) => n + (s.k === 'loop' ? s.n : 0), 0);
  return JSON.stringify(p).length + trips;
}

/** Runs `change` on `q` (a copy) and returns it. */
function mutate(q: Program, change: () => unknown): Program {
  change();
  return q;
}

/** The edits for program `p`, biggest cuts first; each addresses its target by position. */
function edits(p: Program): Edit[] {
  const out: Edit[] = [];
  p.helpers.forEach((_, i) => {
    out.push((q) => ({ ...q, helpers: q.helpers.filter((_, j) => j !== i) }));
  });
  const blocks = allBlocks(p);
  blocks.forEach((b, bi) => {
    // Halves, then single statements (delta debugging's first steps).
    if (b.length > 3) {
      const half = b.length >> 1;
      out.push((q) => mutate(q, () => allBlocks(q)[bi]!.splice(0, half)));
      out.push((q) => mutate(q, () => allBlocks(q)[bi]!.splice(half)));
    }
    b.forEach((s, si) => {
      out.push((q) => mutate(q, () => allBlocks(q)[bi]!.splice(si, 1)));
      for (let inner = 0; inner < blocksOf(s).length; inner++)
        out.push((q) => {
          const block = allBlocks(q)[bi]!;
          const body = blocksOf(block[si]!)[inner]!;
          block.splice(si, 1, { k: 'block', body });
          return q;
        });
      if (s.k === 'block')
        out.push((q) => {
          const block = allBlocks(q)[bi]!;
          const inner = block[si]!;
          if (inner.k !== 'block') return null;
          block.splice(si, 1, ...inner.body);
          return q;
        });
      if (s.k === 'loop' && s.n > 1)
        out.push((q) => {
          const st = allBlocks(q)[bi]![si]!;
          if (st.k !== 'loop') return null;
          st.n = 1;
          return q;
        });
      if (s.k === 'switch' && s.cases.length > 1)
        s.cases.forEach((c, ci) => {
          if (!c.labels.includes('default'))
            out.push((q) => {
              const st = allBlocks(q)[bi]![si]!;
              if (st.k !== 'switch') return null;
              st.cases.splice(ci, 1);
              return q;
            });
        });
      if (s.k === 'if' && s.els.length)
        out.push((q) => {
          const st = allBlocks(q)[bi]![si]!;
          if (st.k !== 'if') return null;
          st.els = [];
          return q;
        });
    });
  });
  allExprs(p).forEach(({ e }, ei) => {
    for (const a of e.args)
      if (a.ty === e.ty) out.push((q) => mutate(q, () => allExprs(q)[ei]!.set(structuredClone(a))));
    if (e.args.length > 0 || e.op !== ZERO[e.ty])
      out.push((q) =>
        mutate(q, () => allExprs(q)[ei]!.set({ ty: e.ty, op: ZERO[e.ty], args: [], konst: true })),
      );
  });
  return out;
}

/**
 * Shrinks `p` while `interesting` holds (it must hold for `p` itself). `maxChecks` bounds the work:
 * each check runs the program on both backends.
 */
export async function reduce(p: Program, interesting: Interesting, maxChecks = 2000): Promise<ReduceResult> {
  let best = structuredClone(p);
  let checks = 0;
  let kept = 0;
  let progress = true;
  while (progress && checks < maxChecks) {
    progress = false;
    let list = edits(best);
    for (let i = 0; i < list.length && checks < maxChecks; i++) {
      const candidate = list[i]!(structuredClone(best));
      if (!candidate || size(candidate) >= size(best)) continue;
      checks++;
      if (await interesting(candidate)) {
        best = candidate;
        kept++;
        progress = true;
        // Positions moved: enumerate again, carrying on from about the same place.
        list = edits(best);
        i--;
      }
    }
  }
  return { program: best, checks, kept };
}
