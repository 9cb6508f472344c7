/**
 * One stacked warm bar per side (upload, kernel, download, queue, transport) on a shared scale, so the
 * bar lengths match the warm verdict; below them the cold cost (translate + compile) of each side,
 * hatched and greyed on its own scale in rows labelled "cold, once"; then the verdict, the reason,
 * and the cold cost in words.
 */
import { useId } from 'react';
import { formatMs } from '../../core/format';
import type { Timings } from '../../core/result';
import { PHASES, type Phase, speedVerdict } from '../../core/timing-summary';
import { type BarRow, barsLayout } from '../lib/timing-bars';

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
const COLD_BAR = 10;
const LABEL = 70;
const GAP = 8;
function Row({
  row,
  y,
  height,
  cold,
  hatch,
}: {
  row: BarRow;
  y: number;
  height: number;
  cold: boolean;
  hatch: string;
}) {
  const what = cold ? `${row.side} cold, once` : `${row.side} warm`;
  return (
    <g data-testid={cold ? 'timing-bar-cold' : 'timing-bar-warm'} data-total-ms={row.totalMs}>
      <text x={0} y={y + height - (cold ? 1 : 5)} className="fill-current text-[11px]">
        {row.side}
      </text>
      {row.segments.map((s) => (
        <rect
          key={s.phase}
          x={s.x}
          y={y}
          width={s.width}
          height={height}
          fill={cold ? `url(#${hatch})` : PHASE_COLOURS[s.phase]}
          opacity={cold ? 0.7 : 1}
        >
          <title>{`${what} ${cold ? 'translate + compile' : s.phase}: ${formatMs(s.ms)}`}</title>
        </rect>
      ))}
      <text
        x={Math.min(row.end + 4, WIDTH - 60)}
        y={y + height - (cold ? 1 : 5)}
        className="fill-current text-[11px]"
      >
        {formatMs(row.totalMs)}
      </text>
    </g>
  );
}

export function TimingBars({ local, remote }: { local: Timings; remote: Timings }) {
  const layout = barsLayout(local, remote, LABEL, WIDTH - LABEL - 70);
  const verdict = speedVerdict(local, remote);
  // One hatch pattern per figure: SVG ids are page-global.
  const hatch = `cold-hatch${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const coldTop = 2 * (BAR + GAP) + 16;
  const height = coldTop + 2 * (COLD_BAR + GAP);
  return (
    <figure className="space-y-2" data-testid="timing-bars">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full max-w-3xl text-zinc-700 dark:text-zinc-200"
        role="img"
        aria-label={`Warm timings per phase. ${verdict.endToEnd}. ${verdict.kernel}. Cold cost drawn apart, on its own scale.`}
      >
        <defs>
          <pattern
            id={hatch}
            width={6}
            height={6}
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width={6} height={6} fill="#a1a1aa" />
            <line x1={0} y1={0} x2={0} y2={6} stroke="#52525b" strokeWidth={3} />
          </pattern>
        </defs>
        {layout.warm.map((row, i) => (
          <Row key={row.side} row={row} y={i * (BAR + GAP)} height={BAR} cold={false} hatch={hatch} />
        ))}
        <text x={0} y={coldTop - 4} className="fill-current text-[10px]">
          cold, once (translate + compile; own scale, not in the verdict)
        </text>
        {layout.cold.map((row, i) => (
          <Row
            key={row.side}
            row={row}
            y={coldTop + i * (COLD_BAR + GAP)}
            height={COLD_BAR}
            cold
            hatch={hatch}
          />
        ))}
      </svg>
      <ul
        className="flex flex-wrap gap-3 text-[11px] text-zinc-600 dark:text-zinc-400"
        aria-label="Phase colours"
      >
        {PHASES.filter((p) => p !== 'compile').map((p) => (
          <li key={p} className="flex items-center gap-1">
            <span
              className="inline-block size-2.5 rounded-sm"
              style={{ background: PHASE_COLOURS[p] }}
              aria-hidden
            />
            {p}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span
            className="inline-block size-2.5 rounded-sm"
            style={{ background: 'repeating-linear-gradient(45deg, #a1a1aa 0 3px, #52525b 3px 6px)' }}
            aria-hidden
          />
          cold, once (translate + compile)
        </li>
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
