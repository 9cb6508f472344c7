'use client';
/** A stored sweep, read-only: the crossovers and charts, the measurements and the link model it was shared with. */
import { useMemo } from 'react';
import type { StoredSweep } from '../../server/share/sweep-record';
import { LinkTable } from './LinkTable';
import { SweepCharts } from './SweepCharts';
import { SweepTable } from './SweepTable';
import { pointOf } from './sweep-share';

export function SharedSweepView({ sweep }: { sweep: StoredSweep }) {
  const points = useMemo(() => sweep.points.map(pointOf), [sweep]);
  return (
    <div className="flex flex-col gap-4" data-testid="shared-sweep">
      <SweepCharts
        points={points}
        param={sweep.param}
        links={sweep.links}
        {...(sweep.unit ? { unit: sweep.unit } : {})}
      />
      <SweepTable points={points} param={sweep.param} />
      <h2 className="text-base font-semibold">
        Link model — the same run over other links (figures as shared)
      </h2>
      <LinkTable points={points} param={sweep.param} links={sweep.links} />
    </div>
  );
}
