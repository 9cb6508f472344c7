/**
 * Test support shared by the texture generators' tests (textures.test.ts, depth-cube-textures.test.ts):
 * the checks every generated batch must pass before the oracle runs it in Chrome.
 */
import { expect, it } from 'vitest';
import { translate } from '../translate';
import { printTextureModule, type TextureProgram } from './textures';

/**
 * Registers two tests over `seeds`: each batch translates for both targets, and every `out` word has
 * a check with bindings numbered without collisions. `file` names the module in diagnostics.
 */
export function itChecksTextureBatches(
  seeds: number[],
  batch: (seed: number) => TextureProgram[],
  file: (seed: number) => string,
): void {
  it.each(seeds)('batch %i is valid WGSL: the translator accepts it for both targets', (seed) => {
    const { wgsl } = printTextureModule(batch(seed));
    for (const target of ['cpu', 'cuda'] as const) {
      const r = translate(wgsl, { file: file(seed), target });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(
        errors.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n') + (r.ok ? '' : `\n${wgsl}`),
      ).toBe('');
    }
  });

  it('gives every out word a check and numbers bindings without collisions', () => {
    for (const s of seeds) {
      const programs = batch(s);
      const { wgsl, bases } = printTextureModule(programs);
      expect(bases.at(-1)).toBe(programs.reduce((n, p) => n + p.words.length, 0));
      const slots = programs.flatMap((p) => p.bindings.map((b) => b.binding));
      expect(new Set(slots).size).toBe(slots.length);
      expect(wgsl.match(/out\[/g)?.length ?? 0).toBe(bases.at(-1));
    }
  });
}
