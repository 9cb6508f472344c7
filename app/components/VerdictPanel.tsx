/** Element-wise comparison of the two sides' outputs (core/compare.ts), one block per output. */

import type { ReactNode } from 'react';
import { type OutputComparison, overallVerdict, type Verdict } from '../../core/compare';
import { formatError } from '../../core/format';
import { formatValue } from '../lib/output-preview';
import { MismatchStrip } from './MismatchStrip';
import { Panel } from './Panel';

const VERDICT_TEXT: Record<Verdict, string> = {
  match: 'match — bit-identical',
  'within-tolerance': 'within tolerance',
  mismatch: 'mismatch',
  'size-mismatch': 'size mismatch',
};

const VERDICT_STYLE: Record<Verdict, string> = {
  match: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100',
  'within-tolerance': 'bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100',
  mismatch: 'bg-rose-100 text-rose-900 dark:bg-rose-900/50 dark:text-rose-100',
  'size-mismatch': 'bg-rose-100 text-rose-900 dark:bg-rose-900/50 dark:text-rose-100',
};

function OutputVerdict({ c, extra }: { c: OutputComparison; extra?: ReactNode }) {
  return (
    <div className="space-y-2" data-testid={`verdict-${c.name}`} data-verdict={c.verdict}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono font-semibold">{c.name}</span>
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${VERDICT_STYLE[c.verdict]}`}>
          {VERDICT_TEXT[c.verdict]}
        </span>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {/* A texture output counts channels of its format (core/texture-compare.ts), not elements. */}
          {c.count.toLocaleString()} {c.format ? `${c.format} channels` : `${c.element} elements`} ·{' '}
          {c.differentCount.toLocaleString()} differ · {c.mismatchCount.toLocaleString()} beyond tolerance
        </span>
      </p>
      {/* The figures fold away on the projector: the badge line above is the headline there. */}
      <div className="space-y-2 in-[.present]:hidden">
        <dl className="grid grid-cols-3 gap-2 text-xs @2xl:grid-cols-6">
          {[
            ['max abs', formatError(c.maxAbs)],
            ['max rel', formatError(c.maxRel)],
            ['max ULP', formatError(c.maxUlp)],
            [
              'tolerance',
              c.tolerance
                ? `${c.tolerance.ulp} ULP · ${formatError(c.tolerance.abs)} abs · ${formatError(c.tolerance.rel)} rel`
                : 'exact (integers)',
            ],
            ['bytes (browser)', c.bytesA.toLocaleString()],
            ['bytes (remote)', c.bytesB.toLocaleString()],
          ].map(([k, v]) => (
            <div key={k} className={k === 'tolerance' ? 'col-span-2 @2xl:col-span-1' : ''}>
              <dt className="text-zinc-600 dark:text-zinc-400">{k}</dt>
              <dd className="font-mono tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
        {c.mismatchCount > 0 && (
          <MismatchStrip histogram={c.histogram} bucketSize={c.bucketSize} count={c.count} />
        )}
      </div>
      {extra}
      {c.firstMismatches.length > 0 && (
        <table className="w-full max-w-xl text-xs in-[.present]:hidden" data-testid={`mismatches-${c.name}`}>
          <caption className="text-left text-zinc-600 dark:text-zinc-400">First mismatches</caption>
          <thead>
            <tr className="text-left text-zinc-600 dark:text-zinc-400">
              <th scope="col" className="pr-3 font-normal">
                index
              </th>
              <th scope="col" className="pr-3 font-normal">
                browser
              </th>
              <th scope="col" className="pr-3 font-normal">
                remote
              </th>
              <th scope="col" className="pr-3 font-normal">
                abs
              </th>
              <th scope="col" className="font-normal">
                ULP
              </th>
            </tr>
          </thead>
          <tbody className="font-mono tabular-nums">
            {c.firstMismatches.map((m) => (
              <tr key={m.index} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="pr-3">{m.index}</td>
                <td className="pr-3">{formatValue(m.a, c.element)}</td>
                <td className="pr-3">{formatValue(m.b, c.element)}</td>
                <td className="pr-3">{formatError(m.abs)}</td>
                <td>{formatError(m.ulp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function VerdictPanel({
  comparisons,
  waiting,
  renderExtra,
  above,
}: {
  comparisons: OutputComparison[] | null;
  /** Shown until there are comparisons (ComparisonPending: a failed side's error, or why not yet). */
  waiting: ReactNode;
  /** Per output, shown under its figures (image outputs: both images and their difference). */
  renderExtra?(c: OutputComparison): ReactNode;
  /** Shown above the per-output blocks (the timing bars). */
  above?: ReactNode;
}) {
  const overall = comparisons ? overallVerdict(comparisons) : null;
  return (
    <Panel
      title="Comparison"
      labelId="verdict-title"
      testId="verdict"
      aside={
        overall && (
          <span
            data-testid="overall-verdict"
            data-verdict={overall}
            className={`text-xs font-semibold ${overall === 'agree' ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-600 dark:text-rose-400'}`}
          >
            {overall === 'agree' ? 'outputs agree' : 'outputs disagree'}
          </span>
        )
      }
    >
      <div className="space-y-4 p-3" aria-live="polite">
        {above}
        {comparisons ? (
          comparisons.map((c) => <OutputVerdict key={c.name} c={c} extra={renderExtra?.(c)} />)
        ) : (
          <div className="text-sm text-zinc-600 dark:text-zinc-400">{waiting}</div>
        )}
      </div>
    </Panel>
  );
}
