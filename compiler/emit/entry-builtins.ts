/**
 * The arguments an entry point passes to its WGSL function: the context, then each `@builtin` input
 * (WGSL §13.3.1.1) as the target's expression for it, a built-in struct parameter made from its members.
 */
import type { ModuleNames } from '../namer';
import type { EntryToEmit } from './module-input';
import { cppType } from './types';

/** `values`: the target's C++ expression for each built-in input by its WGSL name. */
export function builtinArgs(e: EntryToEmit, values: Record<string, string>, names: ModuleNames): string {
  return ['ctx', ...builtinValues(e, values, names)].join(', ');
}

/** Each entry parameter's value, in order: `values` as in builtinArgs. */
export function builtinValues(e: EntryToEmit, values: Record<string, string>, names: ModuleNames): string[] {
  return e.fn.params.map((p) =>
    p.builtinStruct
      ? `duet_make_${cppType(p.type, names)}(${p.builtinStruct.map((b) => values[b]!).join(', ')})`
      : values[p.builtin!]!,
  );
}

/**
 * `subgroup_id` and `num_subgroups`: subgroups are 32 consecutive local invocation indices on both
 * targets (as `subgroup_invocation_id` is the index's low 5 bits), the last one possibly partial.
 */
export function subgroupIds(e: EntryToEmit, localIndex: string): Record<string, string> {
  const [x, y, z] = e.workgroupSize;
  return { subgroup_id: `(${localIndex} >> 5)`, num_subgroups: `${Math.ceil((x * y * z) / 32)}u` };
}
