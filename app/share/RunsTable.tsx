/**
 * A list of shared-run summaries, each row telling its run apart: a thumbnail of its image output
 * (when it has one), kernel, both devices and kernel medians, which side was faster warm and end to
 * end (app/share/summary-headline.ts), verdict, date and time.
 */

import { formatMs } from '../../core/format';
import type { RunSummary } from '../../server/share/record';
import { formatDate } from './format';
import { summaryHeadline } from './summary-headline';

export function RunsTable({ items }: { items: RunSummary[] }) {
  return (
    <table className="w-full text-sm" data-testid="runs-table">
      <thead>
        <tr className="text-left text-xs text-zinc-500">
          <th scope="col" className="w-10 py-1 pr-2 font-normal">
            <span className="sr-only">output</span>
          </th>
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
          <th scope="col" className="py-1 pr-3 text-right font-normal">
            warm, end to end
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
            <td className="py-1 pr-2">
              {s.image && (
                // biome-ignore lint/performance/noImgElement: a 32 px PNG from our own route, no optimisation to gain
                <img
                  src={`/r/${s.id}/thumbnail.png`}
                  alt={`${s.name} output`}
                  width={32}
                  height={32}
                  className="rounded border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-700"
                  data-testid="run-thumbnail"
                />
              )}
            </td>
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
            <td
              className={`py-1 pr-3 text-right tabular-nums ${summaryHeadline(s).warm ? '' : 'text-xs text-zinc-500'}`}
              data-testid="run-headline"
            >
              {summaryHeadline(s).text}
            </td>
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
