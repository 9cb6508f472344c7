/**
 * Builds the test doubles of libcuda.so.1, NVRTC and NVML (tests/fake_cuda/*.cpp) into
 * build/fake-cuda/ and names them in the environment variables the executor loads them by
 * (DUET_LIBCUDA, DUET_NVRTC, DUET_NVML; cuda_api.h). Incremental: a library newer than its source
 * is kept. For tests only: the product never loads these.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { executorRoot } from './executor-harness';

const sourceDir = join(executorRoot, 'daemon', 'executor', 'tests', 'fake_cuda');
const outDir = join(executorRoot, 'daemon', 'executor', 'build', 'fake-cuda');

const mtime = (f: string) => (existsSync(f) ? statSync(f).mtimeMs : 0);

function buildLibrary(source: string, output: string): string {
  const src = join(sourceDir, source);
  const out = join(outDir, output);
  if (mtime(out) > mtime(src)) return out;
  mkdirSync(outDir, { recursive: true });
  const cxx = process.env.CXX || 'g++';
  const args = ['-std=c++17', '-O1', '-Wall', '-Wextra', '-Wpedantic', '-Werror', '-shared', '-fPIC'];
  // Test files build in parallel processes: each writes its own file, the rename is atomic.
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync(cxx, [...args, '-o', tmp, src, '-lpthread'], { stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(tmp, out);
  return out;
}

/** Environment that makes `duet-executor --backend cuda` load the fakes. */
export function fakeCudaEnv(): Record<string, string> {
  return {
    DUET_LIBCUDA: buildLibrary('fake_driver.cpp', 'libcuda.so.1'),
    DUET_NVRTC: buildLibrary('fake_nvrtc.cpp', 'libnvrtc.so.13'),
    DUET_NVML: buildLibrary('fake_nvml.cpp', 'libnvidia-ml.so.1'),
  };
}
