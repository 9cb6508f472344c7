/**
 * What a shared run keeps about the machines that produced it — and nothing else. Each schema is an
 * allowlist: zod drops every key it does not name, so host names, addresses, serial numbers or
 * anything a future device report adds never reach the database. Browser: family and major version
 * only (no user-agent string). No IP addresses, no user names, no daemon URLs.
 */
import { z } from 'zod';

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const shortText = z.string().max(200);

/** WebGPU limits that change how a compute kernel can run. */
export const KEPT_LIMITS = [
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxUniformBufferBindingSize',
  'minStorageBufferOffsetAlignment',
  'subgroupMinSize',
  'subgroupMaxSize',
] as const;

/** Features that matter to compute kernels. */
export const KEPT_FEATURES = [
  'shader-f16',
  'subgroups',
  'timestamp-query',
  'chromium-experimental-timestamp-query-inside-passes',
  'float32-filterable',
  'bgra8unorm-storage',
] as const;

const limitsSchema = z.record(z.string(), z.unknown()).transform((all) => {
  const kept: Record<string, number> = {};
  for (const k of KEPT_LIMITS) {
    const v = all[k];
    if (typeof v === 'number' && Number.isFinite(v)) kept[k] = v;
  }
  return kept;
});

const featuresSchema = z
  .array(z.string().max(100))
  .max(200)
  .transform((all) => all.filter((f) => (KEPT_FEATURES as readonly string[]).includes(f)));

/** A side's device, reduced to what explains its numbers. */
export const sharedDeviceSchema = z.object({
  name: shortText,
  vendor: shortText.optional(),
  architecture: shortText.optional(),
  description: shortText.optional(),
  computeCapability: z.string().max(16).optional(),
  multiprocessors: finiteNumber.optional(),
  memoryBytes: finiteNumber.optional(),
  driverVersion: z.string().max(64).optional(),
  cudaVersion: z.string().max(64).optional(),
  clockMHz: finiteNumber.optional(),
  memoryClockMHz: finiteNumber.optional(),
  pcie: z.object({ generation: finiteNumber.optional(), width: finiteNumber.optional() }).optional(),
  /** Host ⇄ device link bandwidth. */
  bandwidth: z
    .object({ hostToDeviceGBs: finiteNumber.optional(), deviceToHostGBs: finiteNumber.optional() })
    .optional(),
  cpuModel: shortText.optional(),
  cores: finiteNumber.optional(),
  emulation: z.boolean().optional(),
  limits: limitsSchema.optional(),
  features: featuresSchema.optional(),
});

export const BROWSER_FAMILIES = [
  'Chrome',
  'Chromium',
  'Edge',
  'Firefox',
  'Safari',
  'Opera',
  'other',
] as const;
export type BrowserFamily = (typeof BROWSER_FAMILIES)[number];

export const environmentSchema = z.object({
  browser: z
    .object({
      family: z.enum(BROWSER_FAMILIES),
      version: z
        .string()
        .regex(/^\d{1,4}$/)
        .optional(),
    })
    .nullable(),
  /** The daemon's version; its WGSL → CUDA translator ships with it. */
  daemon: z.object({ version: z.string().max(32), translator: z.string().max(32).optional() }).nullable(),
});
export type Environment = z.infer<typeof environmentSchema>;

/** Browser family and major version from a user-agent string; the string itself is never kept. */
export function browserOf(userAgent: string): { family: BrowserFamily; version?: string } {
  const rules: [BrowserFamily, RegExp][] = [
    ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
    ['Opera', /\bOPR\/(\d+)/],
    ['Firefox', /\bFirefox\/(\d+)/],
    ['Chromium', /\bChromium\/(\d+)/],
    ['Chrome', /\b(?:Chrome|CriOS|HeadlessChrome)\/(\d+)/],
    ['Safari', /\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\//],
  ];
  for (const [family, re] of rules) {
    const m = re.exec(userAgent);
    if (m) return m[1] && m[1].length <= 4 ? { family, version: m[1] } : { family };
  }
  return { family: 'other' };
}

/** The environment part of a shared run, built in the page from what it already knows. */
export function environmentOf(opts: { userAgent?: string; daemonVersion?: string | null }): Environment {
  return {
    browser: opts.userAgent ? browserOf(opts.userAgent) : null,
    daemon: opts.daemonVersion ? { version: opts.daemonVersion, translator: opts.daemonVersion } : null,
  };
}
