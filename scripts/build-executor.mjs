#!/usr/bin/env node
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foreignBinaryReason } from '../daemon/executor/binary-platform.mjs';
/**
 * Builds the C++ executor (daemon/executor) into daemon/executor/build/:
 *   duet-executor        the binary the daemon starts
 *   duet-executor-tests  C++ unit tests of host code that needs no GPU
 *   duet-cuda-timing     the bench's runner for Duet's CUDA kernels against hand-written ones
 * Uses cmake when present (daemon/executor/CMakeLists.txt), otherwise g++ directly. Incremental:
 * does nothing when both binaries are newer than every source and were built from the sources as they
 * are now (build/sources.json). Prints the binary's path last.
 *   node scripts/build-executor.mjs [--force] [--quiet]
 * Exit 1 with a clear message when there is no C++ compiler.
 */
import { cmakeCacheFor } from './cmake-tree.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exeDir = join(root, 'daemon', 'executor');
const outDir = join(exeDir, 'build');
const binary = join(outDir, 'duet-executor');
const testBinary = join(outDir, 'duet-executor-tests');
const timingBinary = join(outDir, 'duet-cuda-timing');
let force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');
const log = (m) => {
  if (!quiet) console.error(`[build-executor] ${m}`);
};

function has(cmd) {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

function files(dir, exts) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => join(dir, f));
}

const srcDir = join(exeDir, 'src');
const platformDir = join(srcDir, 'platform');
const testDir = join(exeDir, 'tests');
const benchDir = join(exeDir, 'bench');
const inputs = [
  ...files(benchDir, ['.cpp']),
  ...files(srcDir, ['.cpp', '.h']),
  ...files(platformDir, ['.cpp', '.h']),
  ...files(testDir, ['.cpp', '.h']),
  join(exeDir, 'CMakeLists.txt'),
  join(root, 'compiler', 'preludes', 'cpu_runtime.h'),
  join(root, 'package.json'),
  fileURLToPath(import.meta.url),
];
// The version the executor reports in `ready` and `fatal`: the project's own (as the daemon's).
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
// What the binaries were last built from, by content: mtimes alone lie when a checkout is copied with
// its times kept (tar, rsync -a, a device machine that keeps build outputs between calls) over a
// build from other sources. A source whose content differs from the stamp gets a fresh mtime, so
// cmake / the g++ loop below rebuild it and whatever includes it.
const stampFile = join(outDir, 'sources.json');
const hashOf = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
const present = inputs.filter(existsSync);
const hashes = Object.fromEntries(present.map((f) => [relative(root, f), hashOf(f)]));
let stamp = {};
try {
  stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
} catch {
  // No stamp (first build with this script, or a copied build folder): build as if all changed.
}
const changed = Object.keys(hashes).filter((f) => stamp[f] !== hashes[f]);
const now = new Date();
for (const f of changed) {
  try {
    utimesSync(join(root, f), now, now);
  } catch {
    force = true; // a source we may not touch (read-only checkout): rebuild everything instead
  }
}
// Binaries built on another machine (a checkout copied with its build/ folder from a Mac, or from
// x86-64 to arm64) look up to date by content and time alike: build again for this one.
for (const f of [binary, testBinary, timingBinary]) {
  const foreign = foreignBinaryReason(f);
  if (foreign) {
    log(`${foreign.split(':')[0]}: building it again for this machine`);
    force = true;
  }
}
const newest = Math.max(...present.map((f) => statSync(f).mtimeMs));
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
if (!force && [binary, testBinary, timingBinary].every((f) => mtime(f) >= newest)) {
  log('up to date');
  console.log(binary);
  process.exit(0);
}

const cxx = process.env.CXX || 'g++';
if (!has(cxx)) {
  console.error(
    `[build-executor] no C++ compiler: \`${cxx} --version\` failed. Install g++ (Debian: apt-get install g++) or set CXX.`,
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const jobs = String(Math.max(1, Number(process.env.DUET_BUILD_JOBS) || availableParallelism()));

function run(cmd, args) {
  log(`${cmd} ${args.map((a) => relative(root, a) || a).join(' ')}`);
  try {
    execFileSync(cmd, args, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'], cwd: root });
  } catch {
    console.error(`[build-executor] failed: ${cmd} ${args.join(' ')}`);
    process.exit(1);
  }
}

if (has('cmake') && !process.env.DUET_NO_CMAKE) {
  // CMake's own build tree lives under node_modules/.cache: its Makefiles write `compiler_depend.ts`
  // timestamp files, which tsc (include **/*.ts) would try to compile anywhere else in the repo.
  const cmakeDir = join(root, 'node_modules', '.cache', 'duet-executor-cmake');
  const cached = cmakeCacheFor(cmakeDir, exeDir);
  if (force || !cached.includes(`DUET_VERSION:STRING=${version}\n`)) {
    run('cmake', [
      '-S',
      exeDir,
      '-B',
      cmakeDir,
      '-DCMAKE_BUILD_TYPE=Release',
      `-DCMAKE_CXX_COMPILER=${cxx}`,
      `-DDUET_OUTPUT_DIR=${outDir}`,
      `-DDUET_VERSION:STRING=${version}`,
    ]);
  }
  run('cmake', ['--build', cmakeDir, '--parallel', jobs, ...(force ? ['--clean-first'] : [])]);
} else {
  // Direct g++: one object per source, rebuilt when the source or any header is newer.
  const objDir = join(outDir, 'obj');
  mkdirSync(objDir, { recursive: true });
  const headers = Math.max(
    ...[
      ...files(srcDir, ['.h']),
      ...files(platformDir, ['.h']),
      ...files(testDir, ['.h']),
      join(root, 'compiler', 'preludes', 'cpu_runtime.h'),
    ].map(mtime),
  );
  const flags = ['-std=c++17', '-O2', '-Wall', '-Wextra', '-Wpedantic', '-pthread'];
  const defs = [
    `-DDUET_SOURCE_DIR="${exeDir}"`,
    `-DDUET_PRELUDE_DIR="${join(root, 'compiler', 'preludes')}"`,
  ];
  const compile = (src, prefix, extraDefs = [], extraInputs = []) => {
    const obj = join(
      objDir,
      `${prefix}${src
        .split('/')
        .pop()
        .replace(/\.cpp$/, '.o')}`,
    );
    if (force || mtime(obj) < Math.max(mtime(src), headers, ...extraInputs.map(mtime)))
      run(cxx, [...flags, ...defs, ...extraDefs, `-I${srcDir}`, '-c', src, '-o', obj]);
    return obj;
  };
  const core = [
    ...files(srcDir, ['.cpp'])
      .filter((f) => !f.endsWith('/main.cpp'))
      .map((f) => compile(f, '')),
    ...files(platformDir, ['.cpp']).map((f) => compile(f, 'platform_')),
  ];
  const main = compile(
    join(srcDir, 'main.cpp'),
    '',
    [`-DDUET_EXECUTOR_VERSION="${version}"`],
    [join(root, 'package.json')],
  );
  const tests = files(testDir, ['.cpp']).map((f) => compile(f, 'test_'));
  const timing = compile(join(benchDir, 'cuda_timing.cpp'), 'bench_');
  run(cxx, [...flags, '-o', binary, main, ...core, '-ldl']);
  run(cxx, [...flags, '-o', testBinary, ...tests, ...core, '-ldl']);
  run(cxx, [...flags, '-o', timingBinary, timing, ...core, '-ldl']);
}
writeFileSync(stampFile, `${JSON.stringify(hashes, null, 1)}\n`);
// A build that found nothing to relink (an input no object depends on, such as this script, changed)
// leaves the binaries older than that input: mark them current, or every later call would build again.
const builtAt = new Date();
for (const f of [binary, testBinary, timingBinary]) utimesSync(f, builtAt, builtAt);
log(`built ${relative(root, binary)}`);
console.log(binary);
