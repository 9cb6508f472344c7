/**
 * Swizzle views (WGSL `swizzle_assignment` language feature, which Chrome ships; Tint's
 * core::type::SwizzleView and resolver/swizzle_assignment_test.cc): `v.zy = …`, `p.yz.y = …`,
 * `v.xyz[i] += …`. A multi-component swizzle of a vector in memory — or a swizzle or element of such a
 * view — is no reference, but it may be assigned to, plainly or compoundly; `++`/`--` still need a
 * reference (`v.x++`). The components a target writes are the chain composed, and none may repeat
 * (Tint's Validator::SwizzleAssignment over sem::CollapseLhsSwizzle): `v.xyy.yy = …` is an error,
 * `v.xxy.x = …` and `v.xx[0] = …` are not.
 */
import { fail, type Pos } from '../../diagnostics';
import type { Expr } from '../ast';
import type { ExprInfo, SwizzleView } from './annotations';

/**
 * The view `base.<comps>` denotes, when `base` is a vector in memory (a reference or a pointer to one)
 * or itself a view; undefined for a swizzle of a value. A one-component swizzle of a reference stays a
 * reference (the caller's), so only one of a view is a view.
 */
export function swizzleOf(
  baseExpr: Expr,
  base: ExprInfo,
  ref: ExprInfo['ref'],
  viaPointer: boolean,
  comps: number[],
): SwizzleView | undefined {
  const inner = base.swizzleView;
  if (inner) return { ...inner, comps: comps.map((k) => inner.comps[k]!) };
  if (!ref || comps.length === 1) return undefined;
  return { ...ref, root: baseExpr, rootViaPointer: viaPointer, comps };
}

/** The view `base[index]` denotes when `base` is a view: one component, fixed when the index is constant. */
export function elementOf(base: ExprInfo, index: Expr, konst: number | undefined): SwizzleView | undefined {
  const v = base.swizzleView;
  if (!v) return undefined;
  // A constant index was checked against the view's width already (out of bounds is an error).
  return konst === undefined ? { ...v, index } : { ...v, comps: [v.comps[konst]!] };
}

/** An assignment to a view: the components it writes must differ. */
export function checkSwizzleTarget(v: SwizzleView, at: Pos): void {
  if (v.index === undefined && new Set(v.comps).size !== v.comps.length)
    fail(
      at,
      'cannot assign to a vector swizzle with a repeated component (each component can be written once)',
    );
}
