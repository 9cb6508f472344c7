/**
 * Entry-point inputs (WGSL spec §13.3.1 "Built-in Inputs and Outputs",
 * https://www.w3.org/TR/WGSL/#builtin-inputs-outputs): which `@builtin` values a compute shader may
 * take, their types, and the IO structs that group them.
 */
import { fail, type Pos } from '../../diagnostics';
import type { Param } from '../ast';
import { type StructType, sameType, type Type, typeName, U32, vec } from '../types';
import type { FnInfo } from './annotations';
import type { CheckContext } from './context';

/** Compute-stage builtin inputs (WGSL §13.3.1.1) and their types. */
const COMPUTE_INPUTS: Record<string, Type> = {
  global_invocation_id: vec(3, 'u32'),
  local_invocation_id: vec(3, 'u32'),
  local_invocation_index: U32,
  workgroup_id: vec(3, 'u32'),
  num_workgroups: vec(3, 'u32'),
  // The `linear_indexing` language feature (compiler/emit/linear-indexing.ts).
  workgroup_index: U32,
  global_invocation_index: U32,
};

/**
 * Subgroup builtin inputs (WGSL subgroups extension; `subgroup_id` and `num_subgroups` from the
 * `subgroup_id` language feature); need `enable subgroups;`.
 */
const SUBGROUP_INPUTS: Record<string, Type> = {
  subgroup_invocation_id: U32,
  subgroup_size: U32,
  subgroup_id: U32,
  num_subgroups: U32,
};

/**
 * The type of compute input `name`, or undefined. Own keys only: a WGSL name such as `toString`
 * must not find Object.prototype's member.
 */
function inputType(name: string): Type | undefined {
  if (Object.hasOwn(COMPUTE_INPUTS, name)) return COMPUTE_INPUTS[name];
  if (Object.hasOwn(SUBGROUP_INPUTS, name)) return SUBGROUP_INPUTS[name];
  return undefined;
}

/**
 * The @builtin a parameter receives (`builtin`), or those of its IO struct's members (`builtinStruct`,
 * entry points only); neither for an ordinary parameter.
 */
export function paramInputs(
  c: CheckContext,
  p: Param,
  type: Type,
  fi: FnInfo,
  isEntry: boolean,
): { builtin?: string; builtinStruct?: string[] } {
  const b = p.attrs.find((a) => a.name === 'builtin');
  if (b) {
    const arg = b.args[0];
    const builtin = arg?.kind === 'ident' ? arg.name : undefined;
    if (!builtin) fail(b.pos, '@builtin needs a name');
    if (Object.hasOwn(SUBGROUP_INPUTS, builtin)) {
      c.requireSubgroups(b.pos);
      fi.usesSubgroups = true;
    }
    const want = inputType(builtin);
    if (!want) fail(b.pos, `@builtin(${builtin}) is not a compute shader input`);
    if (!sameType(want, type)) fail(p.pos, `@builtin(${builtin}) must have type ${typeName(want)}`);
    return { builtin };
  }
  if (!isEntry) return {};
  if (type.k !== 'struct') fail(p.pos, `entry point parameter '${p.name}' needs a @builtin attribute`);
  return { builtinStruct: builtinMembers(c, p.pos, type) };
}

/** Entry-point IO struct (WGSL §13.3.1): every member must be a compute @builtin input. */
function builtinMembers(c: CheckContext, pos: Pos, t: StructType): string[] {
  const d = c.scope.decls.get(t.name);
  if (d?.kind !== 'struct') fail(pos, `entry point parameter of type ${t.name} needs @builtin members`);
  return d.members.map((m, i) => {
    const b = m.attrs.find((a) => a.name === 'builtin');
    const arg = b?.args[0];
    const name = arg?.kind === 'ident' ? arg.name : undefined;
    if (!name) fail(m.pos, `member '${m.name}' of entry point input ${t.name} needs a @builtin attribute`);
    if (Object.hasOwn(SUBGROUP_INPUTS, name)) c.requireSubgroups(m.pos);
    const want = inputType(name);
    if (!want) fail(m.pos, `@builtin(${name}) is not a compute shader input`);
    if (!sameType(want, t.members[i]!.type))
      fail(m.pos, `@builtin(${name}) must have type ${typeName(want)}`);
    return name;
  });
}
