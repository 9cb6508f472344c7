/**
 * Call expressions (WGSL spec §8.10 "Function Call Expression"): a user function, a value
 * constructor (§17.1) or a built-in function (§17), in that order, as names resolve (§5).
 */
import { fail } from '../../diagnostics';
import type { CallExpr } from '../ast';
import { canConvert, typeName } from '../types';
import type { ExprInfo } from './annotations';
import { bufferArgFits, inheritBufferViews } from './buffer-view-calls';
import { checkBuiltinCall } from './builtins';
import { construct, isTypeName } from './constructors';
import type { CheckContext } from './context';
import { inheritSamplings } from './samplings';

export function checkCall(c: CheckContext, e: CallExpr, asStatement: boolean): ExprInfo {
  const name = e.callee.name;
  const args = e.args.map((a) => c.expr(a));
  const argSE = args.some((a) => a.sideEffects);
  const userDecl = c.scope.decls.get(name);
  const local = c.lookupLocalOnly(name);
  if (local) fail(e.pos, `'${name}' is a value, not a function`);
  if (userDecl?.kind === 'fn') {
    const fi = c.checkFunction(name, e.pos);
    if (userDecl.attrs.some((a) => a.name === 'compute')) fail(e.pos, 'entry points cannot be called');
    c.current?.calls.add(name);
    inheritSamplings(c, e, fi);
    inheritBufferViews(c, e, fi);
    if (fi.params.length !== args.length) {
      fail(
        e.pos,
        `'${name}' takes ${fi.params.length} argument${fi.params.length === 1 ? '' : 's'}, got ${args.length}`,
      );
    }
    fi.params.forEach((p, i) => {
      if (!canConvert(args[i]!.type, p.type) && !bufferArgFits(args[i]!.type, p.type)) {
        fail(
          e.args[i]!.pos,
          `argument ${i + 1} of '${name}': cannot pass ${typeName(args[i]!.type)} as ${typeName(p.type)}`,
        );
      }
    });
    if (!asStatement && fi.ret.k === 'void') fail(e.pos, `'${name}' returns nothing`);
    return { type: fi.ret, sideEffects: true, call: { kind: 'user', fn: userDecl } };
  }
  if (userDecl?.kind === 'struct' || userDecl?.kind === 'alias' || isTypeName(name)) {
    const ctor = construct(c, e, args);
    return { type: ctor, sideEffects: argSE, call: { kind: 'ctor', type: ctor } };
  }
  return checkBuiltinCall(c, e, args, asStatement);
}
