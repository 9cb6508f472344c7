/** Compiles a C/C++ baseline from bench/ with g++ into a temporary folder, for benches that compare with native code. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NativeProgram {
  path: string;
  run(args: (string | number)[]): string;
  dispose(): void;
}

export function compileNative(source: string, flags: string[]): NativeProgram {
  const dir = mkdtempSync(join(tmpdir(), 'duet-bench-'));
  const path = join(dir, 'prog');
  execFileSync('g++', [...flags, '-x', 'c++', join(import.meta.dirname, source), '-o', path], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 120_000,
  });
  return {
    path,
    run: (args) => execFileSync(path, args.map(String), { encoding: 'utf8', timeout: 300_000 }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
