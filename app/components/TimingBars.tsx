/**
 * One stacked bar per side (compile, upload, kernel, download, queue, transport) on a shared scale,
 * plus the one-line verdict of which side was faster end to end (warm) and for the kernel alone, and
 * why; the cold cost (translate + compile) on a line of its own, outside the verdict.
 */
import type { Timings } from '../../core/result';
import { formatMs } from '../lib/format';
import { PHASES, type Phase, phaseSpans, speedVerdict, totalMs } from '../lib/timing-summary';

const PHASE_COLOURS: Record<Phase, string> = {
  compile: '#a855f7',
  upload: '#0ea5e9',
  kernel: '#10b981',
  download: '#f59e0b',
  queue: '#94a3b8',
  transport: '#f43f5e',
};

const WIDTH = 600;
const BAR = 18;
const LABEL = 70;

function Bar({ label, timings, scale, y }: { label: string; timings: Timings; scale: number; y: number }) {
  const spans = phaseSpans(timings);
  let x = LABEL;
  return (
    <g>
      <text x={0} y={y + BAR - 5} className="fill-current text-[11px]">
        {label}
      </text>
      {spans.map((s) => {
        const w = Math.max(1, s.ms * scale);
        const rect = (
          <rect key={s.phase} x={x} y={y} width={w} height={BAR} fill={PHASE_COLOURS[s.phase]}>
            <title>{`${label} ${s.phase}: ${formatMs(s.ms)}`}</title>
          </rect>
        );
        x += w;
        return rect;
      })}
      <text x={Math.min(x + 4, WIDTH - 60)} y={y + BAR - 5} className="fill-current text-[11px]">
        {formatMs(totalMs(spans))}
      </text>
    </g>
  );
}

export function TimingBars({ local, remote }: { local: Timings; remote: Timings }) {
  const longest = Math.max(totalMs(phaseSpans(local)), totalMs(phaseSpans(remote)), 1e-9);
  const scale = (WIDTH - LABEL - 70) / longest;
  const verdict = speedVerdict(local, remote);
  return (
    <figure className="space-y-2" data-testid="timing-bars">
      <svg
        viewBox={`0 0 ${WIDTH} ${2 * BAR + 14}`}
        className="w-full max-w-3xl text-zinc-700 dark:text-zinc-200"
        role="img"
        aria-label={`Timings per phase. ${verdict.endToEnd}. ${verdict.kernel}.`}
      >
        <Bar label="browser" timings={local} scale={scale} y={0} />
        <Bar label="remote" timings={remote} scale={scale} y={BAR + 8} />
      </svg>
      <ul
        className="flex flex-wrap gap-3 text-[11px] text-zinc-600 dark:text-zinc-400"
        aria-label="Phase colours"
      >
        {PHASES.map((p) => (
          <li key={p} className="flex items-center gap-1">
            <span
              className="inline-block size-2.5 rounded-sm"
              style={{ background: PHASE_COLOURS[p] }}
              aria-hidden
            />
            {p}
          </li>
        ))}
      </ul>
      <figcaption className="text-sm" data-testid="speed-verdict">
        <p>
          {verdict.endToEnd}. {verdict.kernel}.
        </p>
        {verdict.why && <p className="text-xs text-zinc-600 dark:text-zinc-400">Why: {verdict.why}.</p>}
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="cold-cost">
          {verdict.cold}.
        </p>
      </figcaption>
    </figure>
  );
}
