/**
 * Which files of the checkout a GPU kit answers for. The kit's verify.mjs carries its own bundled
 * copy of the TypeScript it imports (those files are listed by esbuild's metafile at build time);
 * everything else it uses at run time it reads from the checkout it sits in: the executor's C++
 * (built there by scripts/build-executor.mjs), the CUDA/CPU preludes, the conformance corpus,
 * package.json (the version in reports) and run.sh's source. A change to any of them after the kit
 * was packed makes the kit stale, just as an edit to the translator does.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders read whole, recursively; a file added to one after packing makes the kit stale too. */
export const KIT_CHECKOUT_FOLDERS = [
  'compiler/corpus',
  'compiler/preludes',
  'daemon/executor/src',
  'daemon/executor/tests',
];

/** Single files read from the checkout at run time. */
export const KIT_CHECKOUT_FILES = [
  'daemon/executor/CMakeLists.txt',
  'scripts/build-executor.mjs',
  'scripts/gpu-kit-run.sh',
  'package.json',
];

/** Every file under `folder` (checkout-relative, '/'-separated, sorted); [] when it is missing. */
export function filesUnder(checkout: string, folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(checkout, folder), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((e) => `${folder}/${e.split(/[\\/]/).join('/')}`)
    .filter((p) => statSync(join(checkout, p)).isFile())
    .sort();
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
