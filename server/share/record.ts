/**
 * The shape of a shared run, validated on the way in (zod): the workload, both sides' results
 * (timing samples, comparison statistics, a bounded sample of output values) and the machines'
 * fingerprint. A stored run is immutable; `StoredRun` adds its id and creation time.
 */
import { z } from 'zod';
import { type OverallVerdict, overallVerdict } from '../../core/compare';
import { headlineOf, type SpeedHeadline } from '../../core/speed-headline';
import { workloadSchema } from '../../core/workload';
import { environmentSchema, sharedDeviceSchema } from './fingerprint';

/** Values kept per output binding (first elements, raw little-endian bytes). */
export const SAMPLE_ELEMENTS = 64;
export const MAX_SAMPLE_BYTES = SAMPLE_ELEMENTS * 4;
/** Largest side, in pixels, of an image output's thumbnail (app/share/thumbnail.ts). */
export const THUMBNAIL_MAX = 64;

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
/** Statistics may legitimately be NaN or ±Infinity (a NaN against a number has ulp = Infinity). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'must be a number');
const ms = finiteNumber.min(0);
const count = z.number().int().min(0);

const sampleStatsSchema = z.object({
  samples: z.array(ms).max(10_001),
  median: ms,
  min: ms,
  p90: ms,
  count,
});

export const timingsSchema = z.object({
  compile: z.object({ ms, cacheHit: z.boolean().optional(), translateMs: ms.optional() }),
  upload: z.object({ ms }),
  kernel: sampleStatsSchema.extend({
    timer: z.enum(['timestamp-query', 'wall-submit', 'cuda-events', 'steady-clock']),
    resolutionMs: ms,
    passes: z.array(sampleStatsSchema).max(4096).optional(),
    note: z.string().max(300).optional(),
    l2Flushed: z.boolean().optional(),
  }),
  download: z.object({ ms }),
  queue: z.object({ ms }).optional(),
  transport: z.object({ ms }).optional(),
});

export const outputSampleSchema = z.object({
  name: z.string().min(1).max(64),
  element: z.enum(['f32', 'i32', 'u32', 'f16', 'bytes']),
  /** Full size of the output, in bytes. */
  bytes: count,
  /** The first elements, base64 of their raw bytes (at most MAX_SAMPLE_BYTES). */
  head: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .max(Math.ceil(MAX_SAMPLE_BYTES / 3) * 4),
  /** Image outputs (the workload's `image`): a small RGBA copy for the page and the link preview. */
  thumbnail: z
    .object({
      width: z.number().int().min(1).max(THUMBNAIL_MAX),
      height: z.number().int().min(1).max(THUMBNAIL_MAX),
      rgba: z
        .string()
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
        .max(Math.ceil((THUMBNAIL_MAX * THUMBNAIL_MAX * 4) / 3) * 4),
    })
    .refine(
      (t) =>
        Math.floor((t.rgba.length * 3) / 4) - (t.rgba.match(/=+$/)?.[0].length ?? 0) ===
        t.width * t.height * 4,
      {
        message: 'rgba must hold width × height × 4 bytes',
        path: ['rgba'],
      },
    )
    .optional(),
});
export type OutputSample = z.infer<typeof outputSampleSchema>;

export const sharedSideSchema = z.object({
  backend: z.enum(['webgpu', 'cuda', 'cpu']),
  device: sharedDeviceSchema,
  timings: timingsSchema,
  outputs: z.array(outputSampleSchema).max(64),
  /** Remote side: the executor's warnings about this run (SideResult.warnings). */
  warnings: z.array(z.string().max(300)).max(16).optional(),
  /** Remote side only: translation and round trips as the page measured them (no daemon URL). */
  remote: z
    .object({
      translate: z.object({ ms, cacheHit: z.boolean() }),
      serverRoundTripMs: ms,
      browserRoundTripMs: ms,
    })
    .optional(),
});
export type SharedSide = z.infer<typeof sharedSideSchema>;

export const comparisonSchema = z.object({
  name: z.string().min(1).max(64),
  element: z.enum(['f32', 'i32', 'u32', 'f16', 'bytes']),
  /** Storage-texture outputs: the texel format; counts are channels (core/texture-compare.ts). */
  format: z.string().min(1).max(64).optional(),
  verdict: z.enum(['match', 'within-tolerance', 'mismatch', 'size-mismatch']),
  tolerance: z.object({ ulp: finiteNumber, abs: finiteNumber, rel: finiteNumber }).nullable(),
  count,
  bytesA: count,
  bytesB: count,
  differentCount: count,
  mismatchCount: count,
  maxAbs: anyNumber,
  maxRel: anyNumber,
  maxUlp: anyNumber,
  firstMismatches: z
    .array(z.object({ index: count, a: anyNumber, b: anyNumber, abs: anyNumber, ulp: anyNumber }))
    .max(100),
  histogram: z.array(count).max(4096),
  bucketSize: finiteNumber,
});

export const shareInputSchema = z.object({
  workload: workloadSchema,
  /** This browser's WebGPU side, and the daemon's side. */
  local: sharedSideSchema,
  remote: sharedSideSchema,
  comparison: z.array(comparisonSchema).max(64),
  environment: environmentSchema,
  /** Listed on /recent; otherwise reachable only through its link. */
  public: z.boolean(),
});
export type ShareInput = z.infer<typeof shareInputSchema>;
export type ShareInputRaw = z.input<typeof shareInputSchema>;

export const RECORD_VERSION = 1;

export interface StoredRun extends ShareInput {
  v: typeof RECORD_VERSION;
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** What /recent lists and the OG image draws, without reading the whole record. */
export interface RunSummary {
  id: string;
  createdAt: string;
  name: string;
  verdict: OverallVerdict;
  local: { backend: string; device: string; kernelMs: number };
  remote: { backend: string; device: string; kernelMs: number };
  /** An output has a thumbnail (/r/<id>/thumbnail.png). Absent in summaries saved before thumbnails. */
  image?: boolean;
  /**
   * Which side was faster, warm and end to end, and by how much (core/speed-headline.ts). Absent in
   * summaries saved before it: readers fall back to the kernel medians' ratio.
   */
  headline?: SpeedHeadline;
}

/** Both sides agree when every output matches or stays within tolerance (core/compare). */
export function verdictOf(comparison: ShareInput['comparison']): OverallVerdict {
  return overallVerdict(comparison);
}

export function summaryOf(run: StoredRun): RunSummary {
  return {
    id: run.id,
    createdAt: run.createdAt,
    name: run.workload.name,
    verdict: verdictOf(run.comparison),
    local: {
      backend: run.local.backend,
      device: run.local.device.name,
      kernelMs: run.local.timings.kernel.median,
    },
    remote: {
      backend: run.remote.backend,
      device: run.remote.device.name,
      kernelMs: run.remote.timings.kernel.median,
    },
    ...(runThumbnail(run) ? { image: true } : {}),
    headline: speedHeadlineOf(run),
  };
}

/** The warm end-to-end headline, without its words: a summary stores the side and the ratio. */
function speedHeadlineOf(run: ShareInput): SpeedHeadline {
  const { faster, ratio } = headlineOf(run.local.timings, run.remote.timings);
  return { faster, ratio };
}

/** The picture a run is shown by: the remote side's first image output, else the browser's. */
export function runThumbnail(run: ShareInput): NonNullable<OutputSample['thumbnail']> | null {
  for (const side of [run.remote, run.local]) {
    const t = side.outputs.find((o) => o.thumbnail)?.thumbnail;
    if (t) return t;
  }
  return null;
}
