/**
 * An executor binary built for another OS or CPU gets a plain sentence, not "spawn ENOEXEC":
 * binary-platform.mjs reads ELF and Mach-O headers, and ExecutorProcess (what the daemon's
 * supervisor starts) reports that sentence when such a binary cannot start.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutorProcess } from '../executor-process';
import { binaryPlatform, foreignBinaryReason } from './binary-platform.mjs';

const dir = mkdtempSync(join(tmpdir(), 'duet-binary-platform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 64-byte ELF64 little-endian header for e_machine `machine` (gABI: EM_X86_64 62, EM_AARCH64 183). */
function elf(name: string, machine: number): string {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2; // ELFCLASS64
  b[5] = 1; // ELFDATA2LSB
  b[6] = 1; // EV_CURRENT
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(machine, 18);
  const path = join(dir, name);
  writeFileSync(path, b);
  chmodSync(path, 0o755);
  return path;
}

/** A Mach-O 64 header (<mach-o/loader.h>: MH_MAGIC_64, CPU_TYPE_ARM64 = 0x0100000c). */
function machO(name: string, cputype: number): string {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cputype, 4);
  const path = join(dir, name);
  writeFileSync(path, b);
  chmodSync(path, 0o755);
  return path;
}

describe('binary-platform', () => {
  it('reads the OS and CPU of ELF and Mach-O binaries, and nothing of a script', () => {
    expect(binaryPlatform(elf('x64', 62))).toEqual({ os: 'linux', cpu: 'x64' });
    expect(binaryPlatform(elf('arm64', 183))).toEqual({ os: 'linux', cpu: 'arm64' });
    expect(binaryPlatform(machO('mac-arm64', 0x0100000c))).toEqual({ os: 'darwin', cpu: 'arm64' });
    const script = join(dir, 'fake.mjs');
    writeFileSync(script, '#!/usr/bin/env node\n');
    expect(binaryPlatform(script)).toBeNull();
    expect(binaryPlatform(join(dir, 'missing'))).toBeNull();
  });

  it('says plainly when a binary was built for another machine', () => {
    const linuxX64 = { os: 'linux', cpu: 'x64' };
    expect(foreignBinaryReason(elf('same', 62), linuxX64)).toBeNull();
    expect(foreignBinaryReason(elf('arm', 183), linuxX64)).toMatch(
      /was built for Linux arm64, but this machine is Linux x86-64: rebuild it here \(node scripts\/build-executor\.mjs --force\)/,
    );
    expect(foreignBinaryReason(machO('mac', 0x0100000c), linuxX64)).toMatch(
      /was built for macOS arm64, but this machine is Linux x86-64/,
    );
    expect(foreignBinaryReason(elf('linux', 183), { os: 'darwin', cpu: 'arm64' })).toMatch(
      /was built for Linux arm64, but this machine is macOS arm64/,
    );
  });

  it('is what the daemon reports when such an executor cannot start', async () => {
    // Another CPU than this one's: a Linux binary whose machine is not ours cannot run here.
    const other = process.arch === 'arm64' ? 62 : 183;
    const file = elf('duet-executor', other);
    const proc = new ExecutorProcess({ file, args: ['--backend', 'cpu'] });
    const exit = await new Promise<{ reason?: string }>((resolve) => proc.once('exit', resolve));
    expect(exit.reason).toMatch(
      /^the executor .*duet-executor was built for Linux (arm64|x86-64), but this machine is /,
    );
  });
});
