/**
 * Calls of built-in functions: one generic resolver over the tables (builtin-table.ts,
 * subgroup-table.ts). It checks what the family requires (`enable subgroups;`), the pointer an atomic
 * needs, the argument count, then the entry's overload rule, and records what the call implies for
 * its function (barriers, subgroups). Texture built-ins (§16.7) and the fragment-only derivatives
 * have their own table and resolver (texture-table.ts, texture-calls.ts).
 */
import { fail, unsupported } from '../../diagnostics';
import type { CallExpr } from '../ast';
import type { ExprInfo } from './annotations';
import { BUFFER_VIEW_BUILTINS, checkBufferViewCall } from './buffer-view-calls';
import type { BuiltinCall, BuiltinFn } from './builtin-rules';
import { BUILTINS } from './builtin-table';
import type { CheckContext } from './context';
import { SUBGROUP_BUILTINS } from './subgroup-table';
import { checkTextureCall, isTextureBuiltin, refuseHandleArgs } from './texture-calls';

const SUBGROUP_FAMILY = /^(subgroup|quad)/;

export function checkBuiltinCall(
  c: CheckContext,
  e: CallExpr,
  args: ExprInfo[],
  asStatement: boolean,
): ExprInfo {
  const name = e.callee.name;
  const pos = e.pos;
  if (isTextureBuiltin(name)) return checkTextureCall(c, e, args, asStatement);
  if (BUFFER_VIEW_BUILTINS.has(name)) return checkBufferViewCall(c, e, args);
  refuseHandleArgs(e, args);
  let fn: BuiltinFn | undefined;
  if (SUBGROUP_FAMILY.test(name)) {
    c.requireSubgroups(pos);
    if (c.current) c.current.usesSubgroups = true;
    fn = SUBGROUP_BUILTINS.get(name);
    if (!fn) unsupported(pos, `'${name}' (this subgroup operation)`);
  } else {
    fn = BUILTINS.get(name);
    if (!fn) fail(pos, `unknown function '${name}'`);
  }
  const ts = args.map((a) => a.type);
  if (fn.atomicPointer) {
    const p = ts[0];
    if (p?.k !== 'ptr' || p.store.k !== 'atomic')
      fail(pos, `'${name}' needs a pointer to an atomic as its first argument`);
  }
  if (ts.length !== fn.arity)
    fail(pos, `'${name}' takes ${fn.arity} argument${fn.arity === 1 ? '' : 's'}, got ${ts.length}`);
  const call: BuiltinCall = {
    name,
    pos,
    ts,
    targs: e.callee.targs,
    resolveType: (t) => c.resolveType(t),
  };
  const type = fn.result(call);
  if (!asStatement && type.k === 'void') fail(pos, `'${name}' returns nothing`);
  if (fn.barrier && c.current) c.current.usesBarrier = true;
  const sideEffects = fn.sideEffects === true || args.some((a) => a.sideEffects);
  return { type, sideEffects, call: { kind: 'builtin', name, targ: fn.resultIsTarg ? type : undefined } };
}
