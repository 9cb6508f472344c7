/**
 * The daemon's limits: one place for their defaults, their names and the optional JSON file that
 * overrides them (`duet daemon --config limits.json`). Every limit is enforced before work starts
 * and reported by GET /v1/info, so a client can see what it may ask for. One entry is the queue's
 * policy rather than a limit on a request (`fairShareQuantumMs`); it lives here to be set the same way.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const positiveInt = z.number().int().positive();

export const limitsSchema = z
  .object({
    /** UTF-8 bytes of the WGSL module. */
    maxWgslBytes: positiveInt,
    /** Bytes of one binding (storage buffer or uniform). */
    maxBindingBytes: positiveInt,
    /** Bytes of all bindings of one run together. */
    maxRunBytes: positiveInt,
    /** Workgroups of one dispatch (x × y × z). */
    maxDispatchWorkgroups: positiveInt,
    /** warmup + samples of one run. */
    maxSamples: positiveInt,
    /** Wall time of one run on the device, after compilation; past it the run is aborted. */
    maxRunMs: positiveInt,
    /** Wall time allowed to compile the generated source (NVRTC / g++). */
    maxCompileMs: positiveInt,
    /** Runs waiting in the device queue (the running one not counted). */
    maxQueueLength: positiveInt,
    /** Runs one client may submit per minute. */
    maxRunsPerClientPerMinute: positiveInt,
    /** Bytes of one request body (the workload JSON, inline data included). */
    maxRequestBytes: positiveInt,
    /**
     * Device time one turn of the fair queue buys (device-queue.ts). A run up to this long costs its
     * client one turn; a longer one a turn per quantum it held the device (compile, copies and
     * kernels alike: the device is the run's alone while it runs), so, while both have runs waiting,
     * a heavy user gets about as much device time as each student, not as many runs. Runs of a few
     * milliseconds, a workshop's usual, all cost the same one turn: plain round robin.
     */
    fairShareQuantumMs: positiveInt,
  })
  .strict();

export type Limits = z.infer<typeof limitsSchema>;
export type LimitName = keyof Limits;

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxWgslBytes: 256 * 1024,
  maxBindingBytes: 256 * MiB,
  maxRunBytes: 1024 * MiB,
  maxDispatchWorkgroups: 1 << 24,
  maxSamples: 1000,
  maxRunMs: 10_000,
  maxCompileMs: 60_000,
  maxQueueLength: 64,
  maxRunsPerClientPerMinute: 120,
  maxRequestBytes: 64 * MiB,
  fairShareQuantumMs: 100,
});

export class ConfigError extends Error {}

/** Defaults, overridden by `overrides` (validated: unknown names and bad values are errors). */
export function resolveLimits(overrides: unknown = {}): Limits {
  const r = limitsSchema.partial().safeParse(overrides);
  if (!r.success) {
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid limits: ${why} (known limits: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
  }
  return { ...DEFAULT_LIMITS, ...r.data };
}

/** Reads a limits file: a JSON object of limit names → numbers. */
export function loadLimitsFile(path: string): Limits {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read limits file ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`limits file ${path} is not JSON: ${(e as Error).message}`);
  }
  try {
    return resolveLimits(json);
  } catch (e) {
    throw new ConfigError(`${path}: ${(e as Error).message}`);
  }
}
