// Types for daemon/executor/binary-platform.mjs (plain JS: scripts/build-executor.mjs uses it too).
export interface BinaryPlatform {
  os: string;
  cpu: string;
}
export function binaryPlatform(path: string): BinaryPlatform | null;
export function foreignBinaryReason(path: string, here?: BinaryPlatform): string | null;
export function platformName(os?: string, cpu?: string): string;
