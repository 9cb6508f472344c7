/**
 * `duet run` (and `duet bench`) argument, workload and connection errors: exit 2 with a positioned
 * message before any work, or 1 with what went wrong and what to do.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const DUET = join(import.meta.dirname, '..', 'bin', 'duet.mjs');

async function duet(
  args: string[],
  cwd = tmpdir(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [DUET, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('duet run (errors)', () => {
  it('reports an invalid workload as "invalid workload: path: why" with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-cli-'));
    writeFileSync(join(dir, 'k.wgsl'), '@compute @workgroup_size(1) fn main() {}');
    writeFileSync(
      join(dir, 'w.json'),
      JSON.stringify({
        name: 'w',
        wgslFile: 'k.wgsl',
        entryPoint: 'main',
        dispatch: [1, 1, 1],
        bindings: [{ group: 0, binding: 0, name: 'out', kind: 'storage', element: 'f32', output: true }],
      }),
    );
    const r = await duet(['run', join(dir, 'w.json'), '--backend', 'cpu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^invalid workload: bindings\[0\]\.length: /m);
  });

  it('says which wgslFile it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-cli-'));
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'w', wgslFile: 'missing.wgsl' }));
    const r = await duet(['run', join(dir, 'w.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid workload: wgslFile: cannot read .*missing\.wgsl: ENOENT/);
  });

  it('refuses unknown options and backends with usage, exit 2', async () => {
    expect((await duet(['run', 'x.json', '--backend', 'metal'])).stderr).toMatch(
      /--backend must be one of cpu, cuda, webgpu/,
    );
    expect((await duet(['run', 'x.json', '--bogus'])).code).toBe(2);
    const help = await duet(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/ {2}run <workload.json>/);
    expect(help.stdout).toMatch(/ {2}bench <preset/);
    expect(help.stdout).toMatch(/ {2}daemon \[--host/);
  });

  it('explains how to start a daemon when --daemon is unreachable', async () => {
    const r = await duet([
      'run',
      join(import.meta.dirname, '..', 'shaders/saxpy/workload.json'),
      '--daemon',
      'http://127.0.0.1:9',
      '--token',
      't',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /cannot reach the Duet daemon at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\nhint: start one with `npx duet daemon`/,
    );
    expect(r.stderr.match(/npx duet daemon/g)).toHaveLength(1); // said once, not in the message and again as a hint
  });

  it('says what a daemon URL looks like when --daemon is not one', async () => {
    const r = await duet([
      'run',
      join(import.meta.dirname, '..', 'shaders/saxpy/workload.json'),
      '--daemon',
      '127.0.0.1:7070',
      '--token',
      't',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '"127.0.0.1:7070" is not a daemon URL\nhint: give the scheme too: http://127.0.0.1:7070',
    );
  });

  it('duet bench stops at an unreachable daemon and says how to start one, instead of a row per point', async () => {
    const r = await duet([
      'bench',
      'saxpy',
      '--sweep',
      'N=64..1024',
      '--daemon',
      'http://127.0.0.1:9',
      '--token',
      't',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /duet bench: cannot reach the Duet daemon at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\nhint: start one/,
    );
  });
});
