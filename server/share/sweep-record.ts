/**
 * The shape of a shared sweep (/s/<id>), validated on the way in (zod): which preset and parameter
 * it swept, each point's phase times on both sides (or why a side has none), the devices, and the
 * link model as it was when shared (core/links.ts figures and sources), so the record keeps meaning
 * the same thing if the model's figures are revised later. Immutable once stored, like a run.
 * Devices pass the same allowlist as shared runs (fingerprint.ts); no daemon URL is kept.
 */
import { z } from 'zod';
import { environmentSchema, sharedDeviceSchema } from './fingerprint';

/** Most points one stored sweep holds (the page's sweeps are a few dozen at most). */
export const MAX_SHARED_SWEEP_POINTS = 64;

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const ms = finiteNumber.min(0);
const count = z.number().int().min(0);

const phasesSchema = z.object({
  uploadMs: ms,
  kernelMs: ms,
  downloadMs: ms,
  transportMs: ms.optional(),
});

const sideOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('done'),
    phases: phasesSchema,
    backend: z.enum(['webgpu', 'cuda', 'cpu']),
    device: sharedDeviceSchema,
    /** With 'auto', which configured daemon ran this point (its index only, never its URL). */
    daemon: z.object({ index: count }).optional(),
  }),
  z.object({ status: z.literal('error'), message: z.string().max(300) }),
]);

export const sweepPointSchema = z.object({
  value: finiteNumber,
  bytesUp: count,
  bytesDown: count,
  metrics: z
    .object({ bytes: finiteNumber.min(0).optional(), flops: finiteNumber.min(0).optional() })
    .optional(),
  local: sideOutcomeSchema,
  remote: sideOutcomeSchema,
});

const linkSourceSchema = z.object({
  kind: z.enum(['nominal', 'measured-typical']),
  title: z.string().max(200),
  // Rendered as a link on /s/<id>: http(s) only, never javascript: or data:.
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(400),
  says: z.string().max(400),
});

export const linkSpecSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a short lower-case id'),
  name: z.string().max(80),
  gbs: finiteNumber.positive(),
  range: z.tuple([finiteNumber.positive(), finiteNumber.positive()]),
  nominalGBs: finiteNumber.positive(),
  basis: z.string().max(600),
  sources: z.array(linkSourceSchema).max(8),
});

export const sweepInputSchema = z.object({
  preset: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(128) }),
  /** The swept parameter, its unit, and the other parameters' values. */
  param: z.string().min(1).max(64),
  unit: z.string().max(32).optional(),
  base: z.record(z.string().max(64), finiteNumber),
  /** Whether the remote side went to one daemon or to the least-loaded one per point. */
  daemon: z.enum(['one', 'auto']),
  points: z
    .array(sweepPointSchema)
    .min(1, 'a shared sweep has at least one point')
    .max(MAX_SHARED_SWEEP_POINTS),
  links: z.array(linkSpecSchema).min(1).max(8),
  environment: environmentSchema,
  /** Listed on /recent (the sharer ticked it before saving); otherwise reachable only by its link. */
  public: z.boolean().default(false),
});
export type SweepInput = z.infer<typeof sweepInputSchema>;
export type SweepInputRaw = z.input<typeof sweepInputSchema>;
export type StoredPoint = z.infer<typeof sweepPointSchema>;

export const SWEEP_RECORD_VERSION = 1;

export interface StoredSweep extends SweepInput {
  v: typeof SWEEP_RECORD_VERSION;
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** What a listing or a link preview shows without reading the whole record. */
export interface SweepSummary {
  id: string;
  createdAt: string;
  preset: string;
  param: string;
  points: number;
  from: number;
  to: number;
}

export function sweepSummaryOf(s: StoredSweep): SweepSummary {
  const values = s.points.map((p) => p.value);
  return {
    id: s.id,
    createdAt: s.createdAt,
    preset: s.preset.name,
    param: s.param,
    points: s.points.length,
    from: Math.min(...values),
    to: Math.max(...values),
  };
}
