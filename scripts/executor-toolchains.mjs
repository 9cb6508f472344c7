#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * The executor on the other toolchains and CPUs it supports (docs/hosts.md), as far as this Linux
 * x86-64 machine can prove them. Part of the "executor" suite of `npm test`:
 *   clang-libcxx  clang++ with LLVM's libc++ (the compiler and C++ library of macOS) builds the
 *                 executor and its unit tests; the tests run
 *   aarch64       Debian's aarch64-linux-gnu-g++ cross-builds both; under qemu-user the unit tests run
 *                 (the arm64 fiber switch, barriers, subgroups) and so do translated kernels with
 *                 atomics and barriers (daemon/executor/cross-arch.integration.test.ts), their modules
 *                 compiled by the same cross compiler
 *   posix-only    the executor built with -DDUET_POSIX_ONLY (src/platform/os.h): the code paths macOS
 *                 takes instead of Linux's own calls, with every sandbox wall down; its unit tests and
 *                 the same kernels run
 *   macho-fibers  the CPU runtime's fiber switch assembled by clang for macOS arm64 and x86-64: the
 *                 Mach-O spelling of its symbols (no macOS SDK needed, nothing links)
 * A toolchain whose tools are missing is skipped with what to install. Builds are incremental
 * (node_modules/.cache/duet-executor-<name>). Last line: `toolchains: N passed, N failed, N skipped`.
 *   node scripts/executor-toolchains.mjs [clang-libcxx] [aarch64] [posix-only] [macho-fibers]
 */
import { cmakeCacheFor } from './cmake-tree.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const exeDir = join(root, 'daemon', 'executor');
const jobs = String(Math.max(1, Number(process.env.DUET_BUILD_JOBS) || availableParallelism()));
const log = (m) => console.error(`[toolchains] ${m}`);

/** `cmd --version` runs: the tool is installed. */
const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** Configures (once) and builds the executor with a toolchain; returns the folder of its binaries. */
function cmakeBuild(name, cacheArgs) {
  const build = join(root, 'node_modules', '.cache', `duet-executor-${name}`);
  const bin = join(build, 'bin');
  // Configured again when package.json's version (the one the executor reports) changed.
  if (!cmakeCacheFor(build, exeDir).includes(`DUET_VERSION:STRING=${version}\n`)) {
    const c = run('cmake', [
      '-S',
      exeDir,
      '-B',
      build,
      '-DCMAKE_BUILD_TYPE=Release',
      `-DDUET_OUTPUT_DIR=${bin}`,
      `-DDUET_VERSION:STRING=${version}`,
      ...cacheArgs,
    ]);
    if (!c.ok) throw new Error(`cmake configure failed:\n${c.out}`);
  }
  const b = run('cmake', ['--build', build, '--parallel', jobs]);
  if (!b.ok) throw new Error(`build failed:\n${b.out.slice(-8000)}`);
  return bin;
}

/** Runs a C++ unit-test binary (through `prefix`, e.g. qemu) and checks its summary line. */
function unitTests(prefix, testBinary, env = {}) {
  const [cmd, ...args] = [...prefix, testBinary];
  const r = run(cmd, args, env);
  const m = /executor: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(r.out);
  if (!r.ok || !m || m[2] !== '0') throw new Error(`unit tests failed:\n${r.out.slice(-8000)}`);
  // Skipped ones say why (e.g. qemu-user does not pass seccomp filters through).
  const skips = [...r.out.matchAll(/^skip (\S+)/gm)].map((x) => x[1]);
  return `${m[1]} unit tests passed${skips.length ? `, ${skips.length} skipped (${skips.join(', ')})` : ''}`;
}

const toolchains = {
  'clang-libcxx': {
    needs: ['cmake', 'clang++'],
    install: 'apt-get install cmake clang libc++-dev libc++abi-dev',
    check() {
      const libcxx = '-stdlib=libc++';
      const bin = cmakeBuild('clang-libcxx', [
        '-DCMAKE_CXX_COMPILER=clang++',
        `-DCMAKE_CXX_FLAGS=${libcxx}`,
        `-DCMAKE_EXE_LINKER_FLAGS=${libcxx}`,
      ]);
      // The binary really links libc++, not the system's libstdc++.
      const ldd = run('ldd', [join(bin, 'duet-executor')]);
      if (!/libc\+\+\.so/.test(ldd.out)) throw new Error(`duet-executor does not link libc++:\n${ldd.out}`);
      return unitTests([], join(bin, 'duet-executor-tests'));
    },
  },
  aarch64: {
    needs: ['cmake', 'aarch64-linux-gnu-g++', 'qemu-aarch64-static'],
    install: 'apt-get install cmake g++-aarch64-linux-gnu qemu-user-static',
    check() {
      const bin = cmakeBuild('aarch64', [
        '-DCMAKE_SYSTEM_NAME=Linux',
        '-DCMAKE_SYSTEM_PROCESSOR=aarch64',
        '-DCMAKE_CXX_COMPILER=aarch64-linux-gnu-g++',
      ]);
      const file = run('file', [join(bin, 'duet-executor')]);
      if (file.ok && !/aarch64|ARM aarch64/.test(file.out))
        throw new Error(`not an arm64 binary: ${file.out}`);
      const qemu = ['qemu-aarch64-static', '-L', '/usr/aarch64-linux-gnu'];
      const unit = unitTests(qemu, join(bin, 'duet-executor-tests'));
      const k = run(
        process.execPath,
        ['node_modules/vitest/vitest.mjs', 'run', 'daemon/executor/cross-arch.integration.test.ts'],
        {
          DUET_CROSS_EXECUTOR: JSON.stringify([...qemu, join(bin, 'duet-executor')]),
          DUET_CROSS_CPU: 'arm64',
          DUET_CXX: 'aarch64-linux-gnu-g++',
          NO_COLOR: '1',
        },
      );
      if (!k.ok || !/Tests\s+1 passed/.test(k.out))
        throw new Error(`kernels under qemu failed:\n${k.out.slice(-8000)}`);
      return `${unit}; kernels with atomics and barriers ran under qemu-aarch64`;
    },
  },
  'posix-only': {
    needs: ['cmake', 'g++'],
    install: 'apt-get install cmake g++',
    check() {
      // The paths macOS takes (no prctl, memfd, pipe2, SOCK_CLOEXEC, /proc/self/fd; every sandbox
      // wall down), built and run on this Linux machine: src/platform/os.h.
      const bin = cmakeBuild('posix-only', [
        '-DCMAKE_CXX_COMPILER=g++',
        '-DCMAKE_CXX_FLAGS=-DDUET_POSIX_ONLY',
      ]);
      const unit = unitTests([], join(bin, 'duet-executor-tests'));
      const k = run(
        process.execPath,
        ['node_modules/vitest/vitest.mjs', 'run', 'daemon/executor/cross-arch.integration.test.ts'],
        {
          DUET_CROSS_EXECUTOR: JSON.stringify([join(bin, 'duet-executor')]),
          DUET_CROSS_CPU: process.arch,
          NO_COLOR: '1',
        },
      );
      if (!k.ok || !/Tests\s+1 passed/.test(k.out)) throw new Error(`kernels failed:\n${k.out.slice(-8000)}`);
      return `${unit}; kernels with atomics and barriers ran`;
    },
  },
  'macho-fibers': {
    needs: ['clang++', 'llvm-nm'],
    install: 'apt-get install clang llvm',
    check() {
      // The CPU runtime's choice of switch (up to the first section marker after it) and its
      // context-switch section alone (up to the next marker): they need no headers beyond two
      // typedefs. The <ucontext.h> fallback sits in a branch these targets do not take.
      const header = readFileSync(join(root, 'compiler', 'preludes', 'cpu_runtime.h'), 'utf8');
      const start = header.indexOf('#if !defined(DUET_CPU_USE_UCONTEXT)');
      const choiceEnd = header.indexOf('/* @section ', start);
      const section = header.indexOf('/* @section context-switch */', start);
      const end = header.indexOf('/* @section ', section + 1);
      if (start < 0 || choiceEnd < 0 || section < 0 || end < 0)
        throw new Error('cpu_runtime.h: context-switch section not found');
      const dir = join(root, 'node_modules', '.cache', 'duet-executor-macho');
      mkdirSync(dir, { recursive: true });
      const src = join(dir, 'fibers.cpp');
      writeFileSync(
        src,
        'typedef unsigned long uint64_t;\ntypedef unsigned long uintptr_t;\n#define memset __builtin_memset\n' +
          header.slice(start, choiceEnd) +
          header.slice(section, end) +
          'void* frame(void* t, void (*f)(void*), void* a) { return duet_cpu_make_frame(t, f, a); }\n' +
          'void swap(void** s, void* n) { duet_cpu_swctx(s, n); }\n',
      );
      const seen = [];
      for (const target of ['arm64-apple-macos11', 'x86_64-apple-macos11']) {
        const obj = join(dir, `fibers-${target}.o`);
        const c = run('clang++', [
          '-target',
          target,
          '-std=c++17',
          '-ffreestanding',
          '-nostdinc',
          '-O2',
          '-c',
          src,
          '-o',
          obj,
        ]);
        if (!c.ok) throw new Error(`${target}: the fiber switch does not assemble:\n${c.out}`);
        const nm = run('llvm-nm', ['-m', obj]);
        for (const sym of ['_duet_cpu_swctx', '_duet_cpu_fiber_start'])
          if (!new RegExp(`weak private external ${sym}$`, 'm').test(nm.out))
            throw new Error(`${target}: ${sym} is not a weak private external:\n${nm.out}`);
        seen.push(target);
      }
      return `assembled for ${seen.join(', ')}`;
    },
  },
};

const asked = process.argv.slice(2);
for (const a of asked)
  if (!toolchains[a]) log(`unknown toolchain ${a} (known: ${Object.keys(toolchains).join(', ')})`);
const chosen = asked.length ? asked.filter((a) => toolchains[a]) : Object.keys(toolchains);
let passed = 0;
let failed = asked.filter((a) => !toolchains[a]).length;
let skipped = 0;
for (const name of chosen) {
  const t = toolchains[name];
  const missing = t.needs.filter((cmd) => !has(cmd));
  if (missing.length) {
    log(`${name}: skipped, ${missing.join(' and ')} not installed (Debian: ${t.install})`);
    skipped++;
    continue;
  }
  const began = Date.now();
  try {
    log(`${name}: ${t.check()} (${((Date.now() - began) / 1000).toFixed(0)} s)`);
    passed++;
  } catch (e) {
    log(`${name}: FAILED: ${e.message}`);
    failed++;
  }
}
console.log(`toolchains: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
