/**
 * Swizzle-assignment targets (WGSL `swizzle_assignment`, compiler/front/check/swizzle-view.ts) for the
 * differential fuzzer, over a vector variable: a whole-width permutation (no component twice, as WGSL
 * requires of a target), a permutation narrowed to one component by a second swizzle, or a permutation
 * indexed by a runtime index masked into range. Test-only (compiler/difffuzz is a leaf).
 */
import type { Ty } from './program';

export type SwizzleTarget =
  /** `<var><suffix> op= rhs` */
  | { kind: 'swizzle'; suffix: string; ty: Ty }
  /** `<var>.<perm>[(index) & mask] op= rhs` */
  | { kind: 'indexed'; perm: string; mask: number; ty: Ty };

const SETS = ['xyzw', 'rgba'] as const;

export function swizzleTarget(ty: 'vec2<i32>' | 'vec4<u32>', int: (n: number) => number): SwizzleTarget {
  const n = ty === 'vec2<i32>' ? 2 : 4;
  const scalar: Ty = ty === 'vec2<i32>' ? 'i32' : 'u32';
  const set = SETS[int(SETS.length)]!;
  // A random permutation of the first n components (Fisher–Yates).
  const comps = [...set.slice(0, n)];
  for (let i = n - 1; i > 0; i--) {
    const j = int(i + 1);
    [comps[i], comps[j]] = [comps[j]!, comps[i]!];
  }
  const perm = comps.join('');
  switch (int(3)) {
    case 0:
      return { kind: 'swizzle', suffix: `.${perm}`, ty };
    case 1:
      return { kind: 'swizzle', suffix: `.${perm}.${SETS[int(SETS.length)]![int(n)]}`, ty: scalar };
    default:
      return { kind: 'indexed', perm, mask: n - 1, ty: scalar };
  }
}
