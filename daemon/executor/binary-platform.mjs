/**
 * Which OS and CPU an executor binary was built for, read from its header (ELF: the System V gABI,
 * e_ident and e_machine; Mach-O: <mach-o/loader.h>, magic and cputype), and a plain sentence when
 * that is not this machine: a checkout copied with its daemon/executor/build/ from a Mac to a Linux
 * box, or from an x86-64 machine to an arm64 one, would otherwise fail with "spawn ENOEXEC" or a
 * loader error. Plain JS so that scripts/build-executor.mjs (node alone, no TypeScript) uses the
 * same reading as the daemon (types: binary-platform.d.mts).
 */
import { closeSync, openSync, readSync } from 'node:fs';

const ELF_MACHINES = { 62: 'x64', 183: 'arm64', 3: 'ia32', 40: 'arm' };
const MACHO_CPUS = { 16777223: 'x64', 16777228: 'arm64' };
const OS_NAMES = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };
const CPU_NAMES = { x64: 'x86-64', arm64: 'arm64', ia32: 'x86 (32-bit)', arm: 'arm (32-bit)' };

/**
 * { os: 'linux'|'darwin', cpu: 'x64'|'arm64'|… } for an ELF or Mach-O file (os 'linux' for any ELF:
 * the executor is built for nothing else that uses ELF), 'fat' cpu for a universal Mach-O, null
 * for anything else (a script such as a test's fake executor, an unreadable file).
 */
export function binaryPlatform(path) {
  const head = Buffer.alloc(20);
  let fd;
  try {
    fd = openSync(path, 'r');
    if (readSync(fd, head, 0, 20, 0) < 20) return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (head.readUInt32BE(0) === 0x7f454c46) {
    const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
    return { os: 'linux', cpu: ELF_MACHINES[machine] ?? `ELF machine ${machine}` };
  }
  if (head.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = head.readUInt32LE(4);
    return { os: 'darwin', cpu: MACHO_CPUS[cpu] ?? `Mach-O cputype ${cpu}` };
  }
  if (head.readUInt32BE(0) === 0xcafebabe) return { os: 'darwin', cpu: 'fat' };
  return null;
}

/** "Linux x86-64", "macOS arm64": an OS and CPU as people name them (process.platform, process.arch). */
export const platformName = (os = process.platform, cpu = process.arch) =>
  `${OS_NAMES[os] ?? os} ${CPU_NAMES[cpu] ?? cpu}`;

/**
 * null when `path` can run here (or is no binary this reads), else why not, e.g. "the executor
 * /x/duet-executor was built for macOS arm64, but this machine is Linux x86-64: rebuild it here
 * (node scripts/build-executor.mjs --force)".
 */
export function foreignBinaryReason(path, here = { os: process.platform, cpu: process.arch }) {
  const built = binaryPlatform(path);
  if (!built) return null;
  if (built.os === here.os && (built.cpu === here.cpu || (built.cpu === 'fat' && here.os === 'darwin')))
    return null;
  return (
    `the executor ${path} was built for ${platformName(built.os, built.cpu)}, but this machine is ` +
    `${platformName(here.os, here.cpu)}: rebuild it here (node scripts/build-executor.mjs --force)`
  );
}
