import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../index';

const KERNEL = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1)
fn main() { out[0] = 1u; }
`;

/** Translates `directives` above a tiny kernel; the formatted diagnostics, [] when it translates. */
function diags(directives: string): string[] {
  const r = translate(`${directives}\n${KERNEL}`, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
}

// What Chromium 156 reports in navigator.gpu.wgslLanguageFeatures.
const CHROME_156 = [
  'packed_4x8_integer_dot_product',
  'subgroup_uniformity',
  'fragment_depth',
  'linear_indexing',
  'subgroup_id',
  'readonly_and_readwrite_storage_textures',
  'swizzle_assignment',
  'unrestricted_pointer_parameters',
  'buffer_view',
  'texture_formats_tier1',
  'pointer_composite_access',
  'texture_and_sampler_let',
  'uniform_buffer_standard_layout',
];

describe('requires directive (WGSL §4.1.3)', () => {
  it('accepts every language feature Chrome ships except immediate_address_space', () => {
    for (const name of CHROME_156) expect(diags(`requires ${name};`), name).toEqual([]);
    expect(diags(`requires ${CHROME_156.join(', ')},;`)).toEqual([]);
  });

  it('refuses a name WGSL does not define, at the name', () => {
    expect(diags('requires subgroup_id, readonly_and_readwrite_storage_texture;')).toEqual([
      "k.wgsl:1:23: error: unknown language feature 'readonly_and_readwrite_storage_texture' in requires directive",
    ]);
    // An extension goes in `enable`, not `requires`.
    expect(diags('\n  requires f16;')).toEqual([
      "k.wgsl:2:12: error: unknown language feature 'f16' in requires directive",
    ]);
  });

  it('refuses a feature WGSL defines but Duet cannot run, saying why', () => {
    expect(diags('requires immediate_address_space;')).toEqual([
      "k.wgsl:1:10: error: language feature 'immediate_address_space' is not supported: a workload has no immediate values to give `var<immediate>` (contracts §1)",
    ]);
    expect(diags('requires buffer_view, texel_buffers;')).toEqual([
      "k.wgsl:1:23: error: language feature 'texel_buffers' is not supported: it is experimental in Tint and Chrome does not ship it",
    ]);
    expect(diags('requires chromium_print;')[0]).toMatch(
      /1:10: error: language feature 'chromium_print' is not supported: it is Chromium's developer feature/,
    );
  });

  it('does not mistake object properties for feature names', () => {
    expect(diags('requires constructor;')[0]).toMatch(/unknown language feature 'constructor'/);
    expect(diags('requires toString;')[0]).toMatch(/unknown language feature 'toString'/);
  });

  it('wants a name, not a keyword or a literal', () => {
    expect(diags('requires 1;')).toEqual(["k.wgsl:1:10: error: expected language feature name, found '1'"]);
  });
});
