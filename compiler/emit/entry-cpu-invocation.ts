/**
 * The built-in inputs (WGSL section 13.3.1.1) of one invocation in a CPU entry that loops over its
 * workgroup's invocations itself (entry-cpu-loop.ts, entry-cpu-fission.ts): computed from the loop's
 * `duet_li` (local_invocation_index, x fastest) with the constant workgroup size folded, the
 * workgroup-invariant parts hoisted out of the loop.
 */
import { subgroupIds } from './entry-builtins';
import { linearIndices } from './linear-indexing';
import type { EntryToEmit } from './module-input';

export interface InvocationValues {
  /** Lines before the invocation loop (workgroup-invariant values the entry uses). */
  hoisted: string[];
  /** Lines at the top of each invocation (its local id, when the entry needs it). */
  perInvocation: string[];
  /** The C++ expression of each built-in input by its WGSL name. */
  values: Record<string, string>;
}

export function cpuInvocationValues(e: EntryToEmit): InvocationValues {
  const [x, y, z] = e.workgroupSize;
  const used = new Set<string>();
  for (const p of e.fn.params) for (const b of p.builtinStruct ?? [p.builtin!]) used.add(b);
  const hoisted: string[] = [];
  const needGlobal = used.has('global_invocation_id') || used.has('global_invocation_index');
  if (needGlobal)
    hoisted.push(`const unsigned duet_g0 = wg[0] * ${x}u, duet_g1 = wg[1] * ${y}u, duet_g2 = wg[2] * ${z}u;`);
  if (used.has('workgroup_id')) hoisted.push('const vec<unsigned, 3> duet_wid = {wg[0], wg[1], wg[2]};');
  if (used.has('num_workgroups'))
    hoisted.push(
      'const vec<unsigned, 3> duet_nwg = {p->numWorkgroups[0], p->numWorkgroups[1], p->numWorkgroups[2]};',
    );
  const lx = y * z === 1 ? 'duet_li' : `duet_li % ${x}u`;
  const ly = y === 1 ? '0u' : z === 1 ? `duet_li / ${x}u` : `duet_li / ${x}u % ${y}u`;
  const lz = z === 1 ? '0u' : `duet_li / ${x * y}u`;
  const needLocal = needGlobal || used.has('local_invocation_id');
  const nwg = ['p->numWorkgroups[0]', 'p->numWorkgroups[1]', 'p->numWorkgroups[2]'] as const;
  return {
    hoisted,
    perInvocation: needLocal
      ? [`const unsigned duet_lx = ${lx}, duet_ly = ${ly}, duet_lz = ${lz};`, '(void)duet_ly, (void)duet_lz;']
      : [],
    values: {
      global_invocation_id: 'vec<unsigned, 3>{duet_g0 + duet_lx, duet_g1 + duet_ly, duet_g2 + duet_lz}',
      local_invocation_id: 'vec<unsigned, 3>{duet_lx, duet_ly, duet_lz}',
      local_invocation_index: 'duet_li',
      subgroup_invocation_id: '(duet_li & 31u)',
      subgroup_size: '32u',
      ...subgroupIds(e, 'duet_li'),
      workgroup_id: 'duet_wid',
      num_workgroups: 'duet_nwg',
      ...linearIndices(
        e,
        ['(duet_g0 + duet_lx)', '(duet_g1 + duet_ly)', '(duet_g2 + duet_lz)'],
        ['wg[0]', 'wg[1]', 'wg[2]'],
        nwg,
      ),
    },
  };
}
