/**
 * The vectorisable fast path of a 1-D loop-mode entry. The invocation loop becomes a lambda run from one
 * of three contexts. When the workgroup's gid.x values g0 .. g0 + n - 1 lie inside every array the entry
 * indexes with gid.x (each view's window() checks that range fact itself and refuses otherwise), from
 * `duet_w`, whose views are windowed on exactly those indices: there i - lo folds to the local index,
 * the bounds branch disappears and g++ can vectorise the loop. Every access keeps its clamp (an index
 * outside the window takes the clamped path over the whole array), so results are the plain loop's.
 * When, in addition, the largest gid.x (computed without wrapping) is below the bound of every guard
 * `gid.x < B` (B a uniform member, arrayLength or a literal: the same for the whole dispatch), the guards
 * hold for every invocation, and `duet_wf` (ctx.duet_full set) lets g++ drop them as well. Otherwise,
 * from `duet_base`. The calls sit where the facts were established, and the lambda is always inlined,
 * so that each copy of the loop sees them.
 */
import { type WorkgroupFacts, workgroupFacts } from './cpu-windows';
import { FunctionEmitter } from './function';
import type { EntryToEmit, ModuleToEmit } from './module-input';

/** The entry's body from `chunks`, the invocation loop over the context `duet_b`. */
export function fastPath(m: ModuleToEmit, e: EntryToEmit, facts: WorkgroupFacts, chunks: string[]): string[] {
  const n = e.workgroupSize[0];
  const fits = facts.views.map((v) => `duet_w.${v}.window(duet_g0, ${n}u)`);
  const u32 = { k: 'scalar', s: 'u32' } as const;
  const below = facts.guards.map(
    (g) =>
      `(unsigned long long)duet_g0 + ${n - 1}u < ${new FunctionEmitter(m.checker, undefined).emitConstExpr(g.bound, u32)}`,
  );
  const proved =
    below.length === 0
      ? []
      : [
          '  const DuetCtx& ctx = duet_w;',
          `  if (${below.join(' && ')}) {`,
          '    DuetCtx duet_wf = duet_w;',
          '    duet_wf.duet_full = true;',
          '    return duet_run(duet_wf);',
          '  }',
        ];
  return [
    'auto duet_run = [&](const DuetCtx& duet_b) __attribute__((always_inline)) -> int {',
    ...chunks.map((l) => `  ${l}`),
    '};',
    'DuetCtx duet_w = duet_base;',
    `if (${fits.join(' && ')}) {`,
    ...proved,
    '  return duet_run(duet_w);',
    '}',
    'return duet_run(duet_base);',
  ];
}

/**
 * What the CPU fast path of an entry relies on; null when the entry gets none (not a 1-D loop-mode
 * entry, or no array indexed with gid.x).
 */
export function fastPathFacts(m: ModuleToEmit, e: EntryToEmit): WorkgroupFacts | null {
  const [, y, z] = e.workgroupSize;
  if (m.target !== 'cpu' || e.usesBarriers || e.usesSubgroups || y !== 1 || z !== 1) return null;
  const facts = workgroupFacts(m, e);
  return facts.views.length > 0 ? facts : null;
}
