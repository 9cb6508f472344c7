import { describe, expect, it } from 'vitest';
import { appRouter } from '../router';

const api = appRouter.createCaller({ clientId: '' });

describe('translate.wgsl', () => {
  it('returns generated CUDA for a valid kernel', async () => {
    const out = await api.translate.wgsl({
      source:
        '@group(0) @binding(0) var<storage, read_write> y: array<f32>;\n@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) { y[g.x] = 1.0; }',
      target: 'cuda',
    });
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.code).toContain('duet_k_main');
  });

  it('returns diagnostics with line:col for a syntax error', async () => {
    const out = await api.translate.wgsl({ source: '\nfn 123broken() {}', target: 'cuda' });
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(out.diagnostics[0]!.col).toBeGreaterThan(0);
  });
});
