/**
 * Small facts about emitted C++ text that the statement and expression emitters share: whether text is
 * cheap to repeat, whether it is a literal, and the concrete scalar an abstract one becomes.
 */
import type { ScalarKind } from '../front/types';

/** The concrete scalar an abstract one is emitted as (WGSL §6.4: AbstractInt → i32, AbstractFloat → f32). */
export function concreteScalar(s: ScalarKind): ScalarKind {
  if (s === 'abstract-int') return 'i32';
  if (s === 'abstract-float') return 'f32';
  return s;
}

/** Text that names a variable or a member path: cheap and side-effect free to repeat. */
export function isSimple(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*(\s*(\.|->)\s*[A-Za-z_][A-Za-z0-9_]*)*$/.test(text);
}

/** A numeric or boolean literal: it needs no temporary to keep its place in the evaluation order. */
export function isConstantText(text: string): boolean {
  return /^\(?-?[0-9][0-9a-fA-FxXuU.eE+-]*f?\)?$/.test(text) || text === 'true' || text === 'false';
}

/** `text` without one pair of parentheses around all of it (for conditions and initializers). */
export function stripParens(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')') depth--;
    if (depth === 0 && k < text.length - 1) return text;
  }
  return text.slice(1, -1);
}
