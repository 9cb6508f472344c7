/**
 * Where a sweep's remote total first beats the local one: measured (the daemon's phases plus the
 * transport the client measured, link-model.ts totalMs) and projected over each host↔GPU link of
 * core/links.ts for the same bytes (kernel + bytes / link). One list for the CLI chart, its report
 * and the page's sweep view, so all three state the same crossovers.
 */
import { type Crossover, findCrossover, type SeriesPoint } from './crossover';
import { predictRemoteMs, type SidePhases, totalMs } from './link-model';
import { LINKS, type LinkSpec } from './links';

/** One sweep point: the swept value, the bytes it moves and each side's phases (null: failed). */
export interface SweepSample {
  x: number;
  bytesUp: number;
  bytesDown: number;
  local: SidePhases | null;
  remote: SidePhases | null;
}

export interface TotalCrossover {
  /** 'measured' or a link id (core/links.ts). */
  id: string;
  /** How the remote total was had, in words. */
  name: string;
  crossover: Crossover;
  /** The remote totals compared, one per sample (null where a side failed). */
  remoteMs: (number | null)[];
}

/** The remote total over `link` for this sample: measured kernel + its bytes over the link. */
export function projectedRemoteMs(s: SweepSample, link: Pick<LinkSpec, 'gbs'>): number | null {
  return s.remote ? predictRemoteMs({ ...s, remote: s.remote }, link.gbs) : null;
}

function crossing(samples: readonly SweepSample[], remote: (number | null)[]): Crossover {
  const pts: SeriesPoint[] = samples.map((s, i) => ({
    x: s.x,
    local: s.local ? totalMs(s.local) : null,
    remote: remote[i] ?? null,
  }));
  return findCrossover(pts);
}

/** The measured crossover first, then one per link projection, in core/links.ts order. */
export function totalCrossovers(
  samples: readonly SweepSample[],
  links: readonly Pick<LinkSpec, 'id' | 'name' | 'gbs'>[] = LINKS,
): TotalCrossover[] {
  const measured = samples.map((s) => (s.remote ? totalMs(s.remote) : null));
  return [
    {
      id: 'measured',
      name: 'measured (daemon + transport)',
      crossover: crossing(samples, measured),
      remoteMs: measured,
    },
    ...links.map((link) => {
      const remoteMs = samples.map((s) => projectedRemoteMs(s, link));
      return {
        id: link.id,
        name: `over ${link.name} (projected, ${link.gbs} GB/s)`,
        crossover: crossing(samples, remoteMs),
        remoteMs,
      };
    }),
  ];
}
