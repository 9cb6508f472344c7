/**
 * The listed shared sweeps on /recent, in a table of their own so they are never taken for runs:
 * preset, swept parameter and its range, number of points, date and time, each linking to /s/<id>.
 */
import type { SweepSummary } from '../../server/share/sweep-record';
import { formatDate } from './format';

export function SweepsTable({ items }: { items: SweepSummary[] }) {
  return (
    <table className="w-full text-sm" data-testid="sweeps-table">
      <thead>
        <tr className="text-left text-xs text-zinc-500">
          <th scope="col" className="py-1 pr-3 font-normal">
            sweep
          </th>
          <th scope="col" className="py-1 pr-3 font-normal">
            parameter
          </th>
          <th scope="col" className="py-1 pr-3 text-right font-normal">
            points
          </th>
          <th scope="col" className="py-1 font-normal">
            shared
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr
            key={s.id}
            className="border-t border-zinc-100 dark:border-zinc-800"
            data-testid="sweep-row"
            data-id={s.id}
          >
            <td className="py-1 pr-3">
              <a href={`/s/${s.id}`} className="font-mono text-sky-700 underline dark:text-sky-400">
                {s.preset}
              </a>
            </td>
            <td className="py-1 pr-3 font-mono">
              {s.param} {s.from} … {s.to}
            </td>
            <td className="py-1 pr-3 text-right tabular-nums">{s.points}</td>
            <td className="py-1 text-xs text-zinc-500">{formatDate(s.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
