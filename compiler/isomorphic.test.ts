import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The page bundles the translator for its "generated CUDA" tab: compiler/index.ts must not reach Node APIs.
describe('the translator is isomorphic', () => {
  it('bundles for the browser without Node built-ins', async () => {
    const r = await build({
      entryPoints: [join(__dirname, 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(r.errors).toEqual([]);
    const text = r.outputFiles[0]!.text;
    expect(text).not.toMatch(/from ["']node:/);
    expect(text).toContain('duet_cpu_run_workgroup');
  });
});
