/**
 * Assignment to a swizzle view (WGSL `swizzle_assignment`; compiler/front/check/swizzle-view.ts):
 * `v.zy = e`, `p.yz.y += e`, `v.zyx[i] = e`. The vector in memory is bound once to a C++ reference, the
 * left side is evaluated (its root, then a runtime index) before the right (WGSL §9.2.1, §9.2.3, as
 * statements.ts does for references), a compound assignment reads the components before it evaluates
 * the right side, and the result goes back one component at a time — the lowering Tint's
 * program_to_ir/swizzle_assignment_test.cc shows. A runtime index clamps to the view's last component
 * (WGSL robustness, as vec's operator[] clamps to the vector's).
 */
import type { Expr } from '../front/ast';
import type { SwizzleView } from '../front/check/annotations';
import { binaryType } from '../front/check/operators';
import { concretizeDefault, isAbstract, U32 } from '../front/types';
import type { EmitContext } from './context';
import { binaryText, compoundRightType } from './operators';
import { stripParens } from './text';

const XYZW = 'xyzw';

export function emitSwizzleAssign(
  ctx: EmitContext,
  op: string,
  lhs: Expr,
  view: SwizzleView,
  rhs: Expr,
): void {
  const li = ctx.info(lhs);
  const ri = ctx.info(rhs);
  const rootType = ctx.info(view.root).type;
  const vecType = rootType.k === 'ptr' ? rootType.store : rootType;
  const r = ctx.temp();
  const root = view.rootViaPointer ? `(*${ctx.expr(view.root)})` : ctx.expr(view.root, undefined, 'ref');
  ctx.line(`${ctx.cppType(vecType)}& ${r} = ${root};`);
  const at = elementText(ctx, r, view);

  let value: string;
  if (op === '=') {
    value = ctx.expr(rhs, li.type);
  } else {
    const bin = op.slice(0, -1);
    const { opScalar } = binaryType(lhs.pos, bin, li.type, ri.type);
    const rightWant = compoundRightType(bin, ri.type, opScalar);
    // `e1 op= e2` reads e1 before it evaluates e2 (§9.2.3): a call in e2 that writes the vector is not seen.
    let current = at ?? `duet_swizzle<${view.comps.join(', ')}>(${r})`;
    if (ri.sideEffects) {
      const c = ctx.temp();
      ctx.line(`const ${ctx.cppType(li.type)} ${c} = ${current};`);
      current = c;
    }
    value = binaryText(bin, current, ctx.expr(rhs, rightWant), li.type, opScalar);
  }
  if (at !== undefined) {
    ctx.line(`${at} = ${stripParens(value)};`);
    return;
  }
  const t = ctx.temp();
  ctx.line(`const ${ctx.cppType(li.type)} ${t} = ${stripParens(value)};`);
  view.comps.forEach((c, j) => {
    ctx.line(`${r}.${XYZW[c]} = ${t}.${XYZW[j]};`);
  });
}

/**
 * The one component a view of width 1 names, as an lvalue (`r.z`, or `r[…]` for a runtime index, which
 * is evaluated here, after the root); undefined for a view of several components.
 */
function elementText(ctx: EmitContext, r: string, view: SwizzleView): string | undefined {
  if (!view.index) return view.comps.length === 1 ? `${r}.${XYZW[view.comps[0]!]}` : undefined;
  const it = concretizeDefault(ctx.info(view.index).type);
  const idx = ctx.expr(view.index, it.k === 'scalar' && isAbstract(it.s) ? U32 : it);
  const last = view.comps.length - 1;
  const k = ctx.temp();
  ctx.line(`const unsigned ${k} = (unsigned)(${stripParens(idx)});`);
  const clamped = `(${k} < ${last}u ? ${k} : ${last}u)`;
  // comps[k] as a chain of conditionals; an identity prefix (`.xyz[i]`) needs only the clamp.
  const identity = view.comps.every((c, j) => c === j);
  const pick = identity
    ? clamped
    : view.comps
        .slice(0, -1)
        .reduceRight((rest, c, j) => `${k} == ${j}u ? ${c}u : ${rest}`, `${view.comps[last]}u`);
  return `${r}[${identity ? pick : `(${pick})`}]`;
}
