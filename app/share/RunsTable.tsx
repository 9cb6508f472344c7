/** A list of shared-run summaries: kernel, both devices and kernel medians, verdict, date. */
import type { RunSummary } from '../../server/share/record';
import { formatMs } from '../lib/format';
import { formatDate } from './format';

export function RunsTable({ items }: { items: RunSummary[] }) {
  return (
    <table className="w-full text-sm" data-testid="runs-table">
      <thead>
        <tr className="text-left text-xs text-zinc-500">
          <th scope="col" className="py-1 pr-3 font-normal">
            kernel
          </th>
          <th scope="col" className="py-1 pr-3 font-normal">
            browser
          </th>
          <th scope="col" className="py-1 pr-3 text-right font-normal">
            kernel
          </th>
          <th scope="col" className="py-1 pr-3 font-normal">
            remote
          </th>
          <th scope="col" className="py-1 pr-3 text-right font-normal">
            kernel
          </th>
          <th scope="col" className="py-1 pr-3 font-normal">
            outputs
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
            data-testid="run-row"
            data-id={s.id}
          >
            <td className="py-1 pr-3">
              <a href={`/r/${s.id}`} className="font-mono text-sky-700 underline dark:text-sky-400">
                {s.name}
              </a>
            </td>
            <td className="py-1 pr-3">{s.local.device}</td>
            <td className="py-1 pr-3 text-right font-mono tabular-nums">{formatMs(s.local.kernelMs)}</td>
            <td className="py-1 pr-3">
              {s.remote.backend === 'cpu' ? `CPU emulation · ${s.remote.device}` : s.remote.device}
            </td>
            <td className="py-1 pr-3 text-right font-mono tabular-nums">{formatMs(s.remote.kernelMs)}</td>
            <td className={`py-1 pr-3 ${s.verdict === 'agree' ? 'text-emerald-600' : 'text-rose-600'}`}>
              {s.verdict}
            </td>
            <td className="py-1 text-xs text-zinc-500">{formatDate(s.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
