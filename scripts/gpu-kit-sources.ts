/**
 * Which files of the checkout a GPU kit answers for. The kit's verify.mjs carries its own bundled
 * copy of the TypeScript it imports (those files are listed by esbuild's metafile at build time);
 * everything else it uses at run time it reads from the checkout it sits in: the executor's C++
 * (built there by scripts/build-executor.mjs), the CUDA/CPU preludes, the conformance corpus,
 * package.json (the version in reports) and run.sh's source. A change to any of them after the kit
 * was packed makes the kit stale, just as an edit to the translator does.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders read whole, recursively; a file added to one after packing makes the kit stale too. */
export const KIT_CHECKOUT_FOLDERS = [
  'bench/cuda-handwritten',
  'compiler/corpus',
  'compiler/preludes',
  'daemon/executor/bench',
  'daemon/executor/src',
  'daemon/executor/tests',
];

/** Single files read from the checkout at run time. */
export const KIT_CHECKOUT_FILES = [
  'daemon/executor/CMakeLists.txt',
  'scripts/build-executor.mjs',
  'daemon/executor/binary-platform.mjs',
  'scripts/gpu-kit-run.sh',
  'package.json',
];

/**
 * Every file under `folder` (checkout-relative, '/'-separated, sorted) that travels with a copy of
 * the checkout: in a git checkout, tracked files and untracked ones git does not ignore (an editor's
 * backup or a build output would be missing from the copy and fail the check there); elsewhere (a
 * copy without .git, on the GPU machine) every file. [] when the folder is missing.
 */
export function filesUnder(checkout: string, folder: string): string[] {
  const git = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', folder], {
    cwd: checkout,
    encoding: 'utf8',
  });
  let paths: string[];
  if (git.status === 0) {
    paths = git.stdout.split('\0').filter(Boolean);
  } else {
    try {
      paths = readdirSync(join(checkout, folder), { recursive: true, encoding: 'utf8' }).map(
        (e) => `${folder}/${e.split(/[\\/]/).join('/')}`,
      );
    } catch {
      return [];
    }
  }
  return paths.filter((p) => existsSync(join(checkout, p)) && statSync(join(checkout, p)).isFile()).sort();
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
