'use client';
/** This session's runs: open one again, or tick two comparable ones to see them side by side. */
import { useState } from 'react';
import { overallVerdict } from '../../core/compare';
import { comparable, type HistoryEntry } from '../hooks/useRunHistory';
import { historySideSummary } from '../lib/timing-history';
import { Panel } from './Panel';

function verdictOf(e: HistoryEntry): string {
  return e.comparison ? overallVerdict(e.comparison) : 'no comparison';
}

function PairTable({ a, b }: { a: HistoryEntry; b: HistoryEntry }) {
  const rows: [string, (e: HistoryEntry) => string][] = [
    ['when', (e) => e.at.toLocaleTimeString()],
    [
      'dispatch',
      (e) => (e.workload.dispatch ?? []).join(' × ') || `${e.workload.passes?.length ?? 0} passes`,
    ],
    ['browser warm total', (e) => historySideSummary(e.local).warm],
    ['browser cold, once', (e) => historySideSummary(e.local).cold],
    ['browser kernel', (e) => historySideSummary(e.local).kernel],
    ['remote warm total', (e) => historySideSummary(e.remote).warm],
    ['remote cold, once', (e) => historySideSummary(e.remote).cold],
    ['remote kernel', (e) => historySideSummary(e.remote).kernel],
    ['remote device', (e) => historySideSummary(e.remote).device],
    ['outputs', verdictOf],
  ];
  return (
    <table className="w-full max-w-2xl text-xs" data-testid="history-pair">
      <caption className="text-left text-zinc-600 dark:text-zinc-400">
        Run #{a.id} and run #{b.id} side by side
      </caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col" className="text-left">
            #{a.id}
          </th>
          <th scope="col" className="text-left">
            #{b.id}
          </th>
        </tr>
      </thead>
      <tbody className="font-mono tabular-nums">
        {rows.map(([label, f]) => (
          <tr key={label} className="border-t border-zinc-100 dark:border-zinc-800">
            <th scope="row" className="pr-3 text-left font-normal text-zinc-600 dark:text-zinc-400">
              {label}
            </th>
            <td className="pr-3">{f(a)}</td>
            <td>{f(b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunHistory({
  entries,
  openedId,
  onOpen,
}: {
  entries: HistoryEntry[];
  openedId: number | null;
  onOpen(id: number | null): void;
}) {
  const [picked, setPicked] = useState<number[]>([]);
  if (entries.length === 0) return null;
  const pair = picked.map((id) => entries.find((e) => e.id === id)).filter((e): e is HistoryEntry => !!e);
  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <Panel title="History (this session)" labelId="history-title" testId="history">
      <div className="space-y-3 p-3">
        <ul className="space-y-1 text-xs">
          {entries.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-2" data-testid="history-entry">
              <input
                type="checkbox"
                aria-label={`Compare run #${e.id}`}
                checked={picked.includes(e.id)}
                onChange={() => toggle(e.id)}
              />
              <span className="font-mono">#{e.id}</span>
              <span>{e.workload.name}</span>
              <span className="text-zinc-600 dark:text-zinc-400">{e.at.toLocaleTimeString()}</span>
              <span className="text-zinc-600 dark:text-zinc-400">
                warm: browser {historySideSummary(e.local).warm} · remote {historySideSummary(e.remote).warm}{' '}
                · cold, once: browser {historySideSummary(e.local).cold} · remote{' '}
                {historySideSummary(e.remote).cold} · {verdictOf(e)}
              </span>
              <button
                type="button"
                className="rounded border border-zinc-300 px-1.5 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                aria-pressed={openedId === e.id}
                onClick={() => onOpen(openedId === e.id ? null : e.id)}
              >
                {openedId === e.id ? 'back to latest' : 'open'}
              </button>
            </li>
          ))}
        </ul>
        {pair.length === 2 &&
          (comparable(pair[0]!, pair[1]!) ? (
            <PairTable a={pair[0]!} b={pair[1]!} />
          ) : (
            <p className="text-xs text-amber-800 dark:text-amber-200" role="status">
              Runs #{pair[0]!.id} and #{pair[1]!.id} ran different kernels or outputs; pick two runs of the
              same kernel.
            </p>
          ))}
      </div>
    </Panel>
  );
}
