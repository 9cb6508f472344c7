/**
 * `duet daemon --check` end to end: a real embedded daemon and executor, the tiny kernel checked.
 * On a machine without an NVIDIA GPU it must say so plainly and still check the CPU backend; an
 * executor built for another machine must be named as such, not fail with "spawn ENOEXEC".
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExecutor } from '../daemon/executor/executor-harness';
import { deviceLines } from './commands/daemon-check';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'duet-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'duet.mjs'), 'daemon', '--check', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DUET_CACHE_DIR: join(dir, 'cache'), ...env },
    timeout: 300_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('duet daemon --check', () => {
  it('checks the CPU backend with a tiny kernel and says what it found', () => {
    buildExecutor();
    const r = check(['--backend', 'cpu']);
    expect(r.out, r.err).toMatch(/^host: +(Linux|macOS) /m);
    expect(r.out).toMatch(/^GPU: +none usable: the CPU backend was asked for$/m);
    expect(r.out).toMatch(/^device: +CPU emulation .*\d+ cores/m);
    expect(r.out).toMatch(/^sandbox: /m);
    expect(r.out).toMatch(/^kernel: +ok: c = a \+ b over 1024 floats on the cpu backend/m);
    expect(r.status).toBe(0);
  }, 300_000);

  it('with --backend cuda: the device and bandwidth lines where there is a GPU, a plain failure where not', () => {
    const r = check(['--backend', 'cuda']);
    if (r.status === 0) {
      expect(r.out).toMatch(/^NVRTC: /m);
      expect(r.out).toMatch(/^bandwidth: host->device [\d.]+ GB\/s, device->host [\d.]+ GB\/s/m);
      expect(r.out).toMatch(/^kernel: +ok: .* on the cuda backend/m);
    } else {
      expect(r.out).toMatch(/^device: +FAILED: .*no CUDA device/m);
      expect(r.status).toBe(1);
    }
  }, 300_000);

  it('names an executor built for another machine', () => {
    const b = Buffer.alloc(64);
    b.writeUInt32BE(0x7f454c46, 0);
    b[4] = 2;
    b[5] = 1;
    b.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18); // EM_X86_64 / EM_AARCH64
    const foreign = join(dir, 'duet-executor');
    writeFileSync(foreign, b);
    chmodSync(foreign, 0o755);
    const r = check([], { DUET_EXECUTOR: foreign });
    expect(r.out).toMatch(
      /^executor: +FAILED: the executor .* was built for Linux (arm64|x86-64), but this machine is /m,
    );
    expect(r.status).toBe(1);
  });
});

describe('deviceLines', () => {
  it('prints driver, NVRTC, device and measured bandwidth for a CUDA device', () => {
    const lines = deviceLines({
      backend: 'cuda',
      device: {
        name: 'NVIDIA H100 80GB HBM3',
        cudaVersion: '12.8',
        compiler: 'NVRTC 12.8',
        computeCapability: '9.0',
        multiprocessors: 132,
        memoryBytes: 80 * 2 ** 30,
        bandwidth: { hostToDeviceGBs: 52.34, deviceToHostGBs: 49.9 },
      },
    });
    expect(lines).toEqual([
      'driver:    CUDA 12.8 driver API',
      'NVRTC:     NVRTC 12.8',
      'device:    NVIDIA H100 80GB HBM3, compute capability 9.0, 132 SMs, 80.0 GiB',
      'bandwidth: host->device 52.3 GB/s, device->host 49.9 GB/s (64 MiB pinned copies, measured as the executor started)',
    ]);
  });

  it('says why there is no GPU when auto fell back to the CPU', () => {
    const lines = deviceLines({
      backend: 'cpu',
      device: { name: 'CPU emulation (Apple M2)', cores: 8, compiler: 'Apple clang 15' },
      fallbackReason: 'no CUDA device: /usr/local/cuda/lib/libcuda.dylib not found',
    });
    expect(lines[0]).toBe(
      'GPU:       none usable: no CUDA device: /usr/local/cuda/lib/libcuda.dylib not found',
    );
    expect(lines[2]).toBe(
      'device:    CPU emulation (Apple M2), 8 cores, compiling kernels with Apple clang 15',
    );
  });
});
