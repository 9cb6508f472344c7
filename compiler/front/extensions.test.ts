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

describe('enable directive (WGSL §4.1.1)', () => {
  it('accepts the extensions Duet translates, alone and in one list', () => {
    for (const name of ['f16', 'subgroups', 'clip_distances', 'dual_source_blending', 'primitive_index'])
      expect(diags(`enable ${name};`), name).toEqual([]);
    expect(diags('enable f16, subgroups;')).toEqual([]);
  });

  it('refuses a name WGSL does not define, at the name', () => {
    expect(diags('enable f16, f61;')).toEqual([
      "k.wgsl:1:13: error: unknown extension 'f61' in enable directive",
    ]);
    expect(diags('\n  enable toString;')).toEqual([
      "k.wgsl:2:10: error: unknown extension 'toString' in enable directive",
    ]);
  });

  it('refuses a known extension Duet cannot run, saying why', () => {
    expect(diags('enable subgroups, subgroup_size_control;')).toEqual([
      "k.wgsl:1:19: error: extension 'subgroup_size_control' is not supported: Duet does not translate `@subgroup_size` yet (a Chromium-specific extension, per Tint)",
    ]);
    expect(diags('enable chromium_experimental_pixel_local;')[0]).toMatch(
      /^k\.wgsl:1:8: error: extension 'chromium_experimental_pixel_local' is not supported: it is a Chromium-internal extension/,
    );
  });
});
