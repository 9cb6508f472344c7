import { describe, expect, it } from 'vitest';
import { translate } from '../translate';
import { generateProgram } from './generate';
import { type Program, printModule } from './program';
import { reduce } from './reduce';

/** Valid (the translator's front end accepts it) and "mismatching": an injected bug in `%`. */
function injected(p: Program): boolean {
  const { wgsl } = printModule([p]);
  return / % /.test(wgsl) && translate(wgsl, { file: 'r.wgsl', target: 'cpu' }).ok;
}

/** The first seed whose program uses `%` and has plenty to cut. */
function seedWithRemainder(): number {
  for (let s = 0; ; s++) {
    const p = generateProgram(s);
    if (injected(p) && printModule([p]).wgsl.split('\n').length > 40) return s;
  }
}

describe('difffuzz reducer', () => {
  it('shrinks a program with an injected "bug in %" to a few lines that still show it', async () => {
    const seed = seedWithRemainder();
    const original = generateProgram(seed);
    const before = printModule([original]).wgsl;
    const r = await reduce(original, async (p) => injected(p));
    const after = printModule([r.program]).wgsl;
    expect(injected(r.program)).toBe(true);
    expect(r.kept).toBeGreaterThan(0);
    expect(r.program.helpers).toEqual([]);
    // What is left of the program's own function: the one statement holding the `%`.
    const run = after.slice(after.indexOf('fn p0_run()'), after.indexOf('@compute'));
    expect(run.split('\n').filter((l) => l.trim() && l.trim() !== '}').length).toBeLessThanOrEqual(3);
    expect(after.length).toBeLessThan(before.length / 3);
    // The reduction is deterministic: the same input gives the same repro.
    const again = await reduce(original, async (p) => injected(p));
    expect(printModule([again.program]).wgsl).toBe(after);
  });

  it('only ever returns a program the predicate accepted, and stays within its check budget', async () => {
    const p = generateProgram(seedWithRemainder());
    const whole = printModule([p]).wgsl;
    // Edits that change the printed text are all refused: what comes back prints as the original.
    const same = await reduce(p, async (q) => printModule([q]).wgsl === whole);
    expect(printModule([same.program]).wgsl).toBe(whole);
    const none = await reduce(p, async () => false, 5);
    expect(none.checks).toBe(5);
    expect(none.kept).toBe(0);
    expect(none.program).toEqual(p);
  });
});
