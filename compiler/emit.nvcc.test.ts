import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from './index';
import { BUFFER_VIEW_CASES } from './testdata/buffer-view-cases';
import { CASES } from './testdata/cases';
import { hasNvcc, NVCC, nvccCompile } from './testkit/native';

// nvcc is on the development machines (no GPU needed): every generated kernel must compile for sm_90 and sm_80.
const nvcc = hasNvcc();
if (!nvcc) console.warn(`nvcc not found at ${NVCC}: skipping CUDA compile checks of generated code`);

const kernels = [
  ...CASES.map((c) => ({ name: c.name, wgsl: c.wgsl })),
  ...BUFFER_VIEW_CASES.map((c) => ({ name: c.name, wgsl: c.wgsl })),
  ...['saxpy.wgsl', 'reduce.wgsl'].map((f) => ({
    name: f,
    wgsl: readFileSync(join(__dirname, 'testdata', f), 'utf8'),
  })),
  // Names that collided with each other or with generated names (issue 19; run on the CPU in exploits/).
  ...['shadowing-collision.wgsl', 'shadowing-after-call.wgsl', 'generated-name-clash.wgsl'].map((f) => ({
    name: f,
    wgsl: readFileSync(join(__dirname, '..', 'exploits', 'cases', f), 'utf8'),
  })),
];

describe.skipIf(!nvcc)('generated CUDA compiles with nvcc', () => {
  for (const arch of ['sm_90', 'sm_80']) {
    it.each(kernels.map((k) => [k.name, k]))(`%s (${arch})`, async (_n, k) => {
      const r = translate(k.wgsl, { file: 'k.wgsl', target: 'cuda' });
      if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
      const log = await nvccCompile(r.code, arch);
      expect(log.trim()).toBe('');
    });
  }
});
