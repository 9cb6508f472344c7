/**
 * `duet run shaders/saxpy/workload.json --backend cpu --out DIR` through the real translator and
 * the CPU executor, checked against SAXPY computed here in TypeScript from the same inputs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../core/generators';

const ROOT = join(import.meta.dirname, '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
});

describe('duet run --backend cpu', () => {
  it('writes SAXPY outputs equal to a TypeScript SAXPY, and result.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'duet-saxpy-'));
    const workload = JSON.parse(readFileSync(join(ROOT, 'shaders/saxpy/workload.json'), 'utf8'));
    // From another directory, as a user would: paths resolve from the workload file.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'bin/duet.mjs'),
        'run',
        join(ROOT, 'shaders/saxpy/workload.json'),
        '--backend',
        'cpu',
        '--out',
        out,
      ],
      {
        cwd: tmpdir(),
        env: { ...process.env, DUET_CACHE_DIR: mkdtempSync(join(tmpdir(), 'duet-kernels-')) },
      },
    );
    expect(stdout).toMatch(/saxpy on cpu/);

    const binding = (name: string) => workload.bindings.find((b: { name: string }) => b.name === name);
    const { n, a } = binding('params').fields;
    const xb = generate('f32', binding('x').length, binding('x').init);
    const yb = generate('f32', binding('y').length, binding('y').init);
    const x = new Float32Array(xb.buffer);
    const expected = new Float32Array(yb.buffer.slice(0));
    const af = Math.fround(a);
    for (let i = 0; i < n; i++) expected[i] = Math.fround(Math.fround(af * x[i]!) + expected[i]!);

    const written = readFileSync(join(out, 'y.bin'));
    expect(written.byteLength).toBe(expected.byteLength);
    expect(Buffer.compare(written, Buffer.from(expected.buffer))).toBe(0);

    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result).toMatchObject({
      workload: 'saxpy',
      backend: 'cpu',
      outputs: { y: { file: 'y.bin', bytes: expected.byteLength } },
    });
    expect(result.timings.kernel.count).toBe(workload.runs.samples);
  });
});
