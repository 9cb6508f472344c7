/**
 * A `continue` must not skip a declaration its loop's continuing statement uses (continue-bypass.ts;
 * WGSL "Continue Statement"), as Tint refuses; every other continue stays valid.
 */
import { describe, expect, it } from 'vitest';
import { firstDiagnosticUnder } from '../../testkit/first-diagnostic';

const first = firstDiagnosticUnder(
  '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@group(0) @binding(1) var<storage, read> u: array<u32>;',
);

describe('continue bypassing a declaration the continuing block uses', () => {
  it('is refused at the continue, naming the declaration (var, let and const alike, and through if and switch)', () => {
    expect(
      first(
        'var i = 0u; loop { if (u[0] == i) { continue; } var x = i; continuing { out[0] = x; i++; break if i > 3u; } }',
      ),
    ).toBe(
      "k.wgsl:4:39: error: 'continue' skips the declaration of 'x' (line 4), which the continuing block uses",
    );
    expect(
      first(
        'var i = 0u; loop { switch (u[0]) { case 1u: { continue; } default: {} } let y = i + 1u; continuing { i = y; break if i > 3u; } }',
      ),
    ).toMatch(/^k\.wgsl:4:49: error: 'continue' skips the declaration of 'y'/);
    expect(
      first(
        'var i = 0u; loop { if (u[0] == i) { continue; } const k = array(1u, 2u); continuing { out[i] = k[u[1]]; i++; break if i > 3u; } }',
      ),
    ).toMatch(/skips the declaration of 'k'/);
  });

  it('accepts a continue after the declaration, one of an inner loop, and declarations the continuing block does not use', () => {
    expect(
      first(
        'var i = 0u; loop { var x = i; if (u[0] == i) { continue; } continuing { out[0] = x; i++; break if i > 3u; } }',
      ),
    ).toBe('');
    expect(
      first(
        'var i = 0u; loop { for (var k = 0u; k < 2u; k++) { if (k == u[0]) { continue; } } var x = i; continuing { out[0] = x; i++; break if i > 3u; } }',
      ),
    ).toBe('');
    expect(
      first(
        'var i = 0u; loop { if (u[0] == i) { continue; } var x = i; out[1] = x; continuing { i++; break if i > 3u; } }',
      ),
    ).toBe('');
  });
});
