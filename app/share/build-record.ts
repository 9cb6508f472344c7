/**
 * A finished duet run as a shared record (server/share/record.ts): the workload, both sides'
 * timings and devices, the comparison, a bounded sample of each output and the environment.
 * Validated and stripped here already, so nothing outside the allowlist leaves the browser.
 */
import type { OutputComparison } from '../../core/compare';
import { ELEMENT_BYTES, type Workload } from '../../core/workload';
import { environmentOf } from '../../server/share/fingerprint';
import {
  SAMPLE_ELEMENTS,
  type SharedSide,
  type ShareInput,
  shareInputSchema,
} from '../../server/share/record';
import { toRgba } from '../components/OutputImage';
import { bytesToBase64 } from '../gpu/base64';
import { outputImageOf } from '../lib/output-image';
import type { LocalState, RemoteExtras, RemoteState } from '../lib/side-state';
import { thumbnailOf } from './thumbnail';

export interface ShareableRun {
  workload: Workload | null;
  local: LocalState;
  remote: RemoteState;
  comparison: OutputComparison[] | null;
}

export type BuildResult =
  | { ok: true; input: ShareInput }
  | { ok: false; reason: string; issues?: { path: string; message: string }[] };

function sideOf(
  workload: Workload,
  result: {
    backend: SharedSide['backend'];
    device: unknown;
    timings: unknown;
    outputs: Record<string, Uint8Array>;
    warnings?: string[] | undefined;
  },
  extra?: RemoteExtras,
): unknown {
  const outputs = Object.entries(result.outputs).map(([name, bytes]) => {
    const element = workload.bindings.find((b) => b.name === name)?.element ?? 'bytes';
    const head = bytes.subarray(0, SAMPLE_ELEMENTS * ELEMENT_BYTES[element]);
    // Buffers with an `image` view and 2d storage textures (app/lib/output-image.ts).
    const image = outputImageOf(workload.bindings.find((b) => b.name === name));
    return {
      name,
      element,
      bytes: bytes.byteLength,
      head: bytesToBase64(head),
      ...(image
        ? {
            thumbnail: thumbnailOf(
              toRgba(bytes, image.element, image.spec),
              image.spec.width,
              image.spec.height,
            ),
          }
        : {}),
    };
  });
  return {
    backend: result.backend,
    device: result.device,
    timings: result.timings,
    outputs,
    ...(result.warnings?.length ? { warnings: result.warnings } : {}),
    ...(extra
      ? {
          remote: {
            translate: extra.translate,
            serverRoundTripMs: extra.serverRoundTripMs,
            browserRoundTripMs: extra.browserRoundTripMs,
          },
        }
      : {}),
  };
}

/** Why a run cannot be shared yet, or the record to share. */
export function buildShareInput(
  run: ShareableRun,
  opts: { public: boolean; daemonVersion?: string | null; userAgent?: string },
): BuildResult {
  const { workload, local, remote, comparison } = run;
  if (!workload || local.status === 'idle' || remote.status === 'idle') {
    return { ok: false, reason: 'Run the kernel first; a shared run holds both sides’ results.' };
  }
  if (local.status === 'running' || remote.status === 'running') {
    return { ok: false, reason: 'Wait until both sides have finished.' };
  }
  if (local.status !== 'done' || remote.status !== 'done' || !comparison) {
    return { ok: false, reason: 'Only runs where both sides finished can be shared (one side failed).' };
  }
  const candidate = {
    workload,
    local: sideOf(workload, local.result),
    remote: sideOf(workload, remote.result, remote.extra),
    comparison,
    environment: environmentOf({ userAgent: opts.userAgent, daemonVersion: opts.daemonVersion ?? null }),
    public: opts.public,
  };
  const parsed = shareInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'This run does not fit the shared-run format.',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  return { ok: true, input: parsed.data };
}
