'use client';
/**
 * The sweep's numbers: each point's phase times on both sides, or the error that stopped a side.
 * The remote side's transport (measured) is its own column, so the daemon's phase split stays
 * visible beside the total that includes it.
 */
import { totalMs } from '../../core/link-model';
import type { SideOutcome, SweepPoint } from './sweep-point';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));

const PHASES = {
  local: ['upload', 'kernel', 'download', 'total'],
  remote: ['upload', 'kernel', 'download', 'transport', 'total'],
};

function Cells({ o, side }: { o: SideOutcome; side: 'local' | 'remote' }) {
  if (o.status === 'error') {
    return (
      <td
        colSpan={PHASES[side].length}
        className="px-2 text-red-600"
        data-testid={`${side}-error`}
        title={o.message}
      >
        {o.message.length > 80 ? `${o.message.slice(0, 80)}…` : o.message}
      </td>
    );
  }
  const p = o.phases;
  return (
    <>
      <td className="px-2 text-right">{ms(p.uploadMs)}</td>
      <td className="px-2 text-right">{ms(p.kernelMs)}</td>
      <td className="px-2 text-right">{ms(p.downloadMs)}</td>
      {side === 'remote' && (
        <td className="px-2 text-right" data-testid="remote-transport">
          {p.transportMs === undefined ? '—' : ms(p.transportMs)}
        </td>
      )}
      <td className="px-2 text-right font-medium" data-testid={`${side}-total`}>
        {ms(totalMs(p))}
      </td>
    </>
  );
}

/** `showDaemon`: the sweep ran with 'auto', so each point says which daemon ran its remote side. */
export function SweepTable({
  points,
  param,
  showDaemon = false,
}: {
  points: SweepPoint[];
  param: string;
  showDaemon?: boolean;
}) {
  return (
    <details className="text-sm" open>
      <summary className="cursor-pointer font-medium">Measurements (ms, kernel = median)</summary>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] tabular-nums" data-testid="sweep-table">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="text-left font-medium">{param}</th>
              {(['local', 'remote'] as const).flatMap((side) =>
                PHASES[side].map((phase) => (
                  <th key={`${side}-${phase}`} className="px-2 text-right font-medium">
                    {side} {phase}
                  </th>
                )),
              )}
              {showDaemon && <th className="px-2 text-left font-medium">remote daemon (auto)</th>}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr
                key={p.value}
                data-testid="sweep-row"
                className="border-t border-zinc-200 dark:border-zinc-800"
              >
                <td>{p.value.toLocaleString('en-US')}</td>
                <Cells o={p.local} side="local" />
                <Cells o={p.remote} side="remote" />
                {showDaemon && (
                  <td className="px-2 font-mono text-xs" data-testid="sweep-daemon">
                    {p.remote.status === 'done' && p.remote.daemon
                      ? `#${p.remote.daemon.index} ${p.remote.daemon.url}`
                      : '—'}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
