/**
 * WGSL names that are also Object.prototype members (`toString`, `constructor`, …) are ordinary
 * unknown names to the checker: a lookup table keyed by WGSL text must not find the prototype's
 * member (a `@builtin(toString)` once asked for `type undefined` and for `enable subgroups`).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../translate';

// (`__proto__` never gets this far: WGSL identifiers must not start with two underscores.)
const NAMES = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

function firstError(wgsl: string): string {
  const r = translate(wgsl, { target: 'cpu' });
  expect(r.ok, wgsl).toBe(false);
  return r.ok ? '' : r.diagnostics[0]!.message;
}

describe('prototype-named WGSL identifiers', () => {
  for (const name of NAMES) {
    it(`@builtin(${name}) is not a compute input`, () => {
      const wgsl = `@compute @workgroup_size(1) fn main(@builtin(${name}) i: u32) {}`;
      expect(firstError(wgsl)).toBe(`@builtin(${name}) is not a compute shader input`);
    });
    it(`${name} is not a type`, () => {
      const wgsl = `var<private> x: ${name};\n@compute @workgroup_size(1) fn main() { _ = x; }`;
      expect(firstError(wgsl)).toMatch(new RegExp(`unknown type '${name.replace(/\$/g, '\\$')}'`));
    });
  }
});
