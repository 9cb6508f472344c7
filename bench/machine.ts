/** The machine a benchmark ran on: recorded beside every figure. */
import { cpus, hostname, platform, release, totalmem } from 'node:os';

export interface MachineInfo {
  host: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    host: hostname(),
    platform: `${platform()} ${release()}`,
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}
