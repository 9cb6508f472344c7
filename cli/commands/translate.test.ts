import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateCommand } from './translate';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'duet-translate-'));
const good = join(dir, 'k.wgsl');
writeFileSync(
  good,
  '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(4) fn main() { out[0] = 1u; }\n',
);
const bad = join(dir, 'bad.wgsl');
writeFileSync(bad, '@compute @workgroup_size(1)\nfn main() {\n  let x = ;\n}\n');

describe('duet translate', () => {
  it('prints CUDA source on stdout and exits 0', async () => {
    const c = capture();
    expect(await translateCommand([good], c.io)).toBe(0);
    expect(c.out.join('')).toContain(
      'extern "C" __global__ void __launch_bounds__(4) duet_k_main(DuetParams p)',
    );
    expect(c.err).toEqual([]);
  });

  it('prints the CPU source with --target cpu and selects --entry', async () => {
    const c = capture();
    expect(await translateCommand([good, '--target', 'cpu', '--entry=main'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('extern "C" int duet_k_main(const DuetParams* p, const unsigned wg[3])');
  });

  it('prints file:line:col diagnostics on stderr and exits 1', async () => {
    const c = capture();
    expect(await translateCommand([bad], c.io)).toBe(1);
    expect(c.err.join('')).toBe(`${bad}:3:11: error: expected an expression, found ';'\n`);
    expect(c.out).toEqual([]);
  });

  it('rejects bad usage', async () => {
    const c = capture();
    expect(await translateCommand([good, '--target', 'metal'], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/--target must be cuda or cpu/);
    expect(await translateCommand([], c.io)).toBe(1);
  });
});
