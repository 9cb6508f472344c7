/**
 * /compare?a=…&b=…: any two shared runs side by side, with b ÷ a ratios for the timings, and what
 * differs between them: the workload field by field and the machines (app/share/run-diff.ts).
 */
import type { Metadata } from 'next';
import { formatMs } from '../../core/format';
import { type ReadResult, readRun } from '../../server/share/read';
import { type StoredRun, verdictOf } from '../../server/share/record';
import { stringifyWire } from '../../server/share/wire';
import { formatDate, ratio, sideLabel } from '../share/format';
import { LINK_BUTTON, PageHeader } from '../share/PageHeader';
import { type Difference, deviceDiff, workloadDiff } from '../share/run-diff';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Compare shared runs · Duet' };

type Search = { a?: string | string[]; b?: string | string[] };

function one(v: string | string[] | undefined): string {
  return typeof v === 'string' ? v : '';
}

function Picker({ a, b }: { a: string; b: string }) {
  return (
    <form method="get" action="/compare" className="flex flex-wrap items-end gap-2 text-sm">
      {(['a', 'b'] as const).map((k) => (
        <label key={k} className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">run {k.toUpperCase()} (id or link)</span>
          <input
            name={k}
            defaultValue={k === 'a' ? a : b}
            className="w-80 rounded border border-zinc-300 bg-transparent px-2 py-1 font-mono dark:border-zinc-700"
          />
        </label>
      ))}
      <button type="submit" className={LINK_BUTTON}>
        Compare
      </button>
    </form>
  );
}

function Differences({
  title,
  items,
  none,
  testId,
}: {
  title: string;
  items: Difference[];
  none: string;
  testId: string;
}) {
  return (
    <section aria-label={title} data-testid={testId} className="text-sm">
      <h2 className="font-semibold">{title}</h2>
      {items.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-300">{none}</p>
      ) : (
        <table className="mt-1 w-full text-xs">
          <thead>
            <tr className="text-left text-zinc-500">
              <th scope="col" className="pr-3 font-normal">
                field
              </th>
              <th scope="col" className="pr-3 font-normal">
                A
              </th>
              <th scope="col" className="font-normal">
                B
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr
                key={d.path}
                className="border-t border-zinc-100 dark:border-zinc-800"
                data-testid="difference"
                data-path={d.path}
              >
                <th scope="row" className="py-0.5 pr-3 text-left font-mono font-normal">
                  {d.path}
                </th>
                <td className="max-w-xs truncate py-0.5 pr-3 font-mono" title={d.a}>
                  {d.a}
                </td>
                <td className="max-w-xs truncate py-0.5 font-mono" title={d.b}>
                  {d.b}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Problem({ label, r }: { label: string; r: ReadResult }) {
  if (r.ok) return null;
  return (
    <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
      Run {label}: {r.message}
    </p>
  );
}

const ROWS: { label: string; text: (r: StoredRun) => string; ms?: (r: StoredRun) => number }[] = [
  { label: 'kernel', text: (r) => r.workload.name },
  { label: 'shared', text: (r) => formatDate(r.createdAt) },
  { label: 'browser side', text: (r) => sideLabel(r.local) },
  {
    label: 'browser kernel (median)',
    text: (r) => formatMs(r.local.timings.kernel.median),
    ms: (r) => r.local.timings.kernel.median,
  },
  { label: 'remote side', text: (r) => sideLabel(r.remote) },
  {
    label: 'remote kernel (median)',
    text: (r) => formatMs(r.remote.timings.kernel.median),
    ms: (r) => r.remote.timings.kernel.median,
  },
  {
    label: 'remote compile',
    text: (r) => formatMs(r.remote.timings.compile.ms),
    ms: (r) => r.remote.timings.compile.ms,
  },
  { label: 'outputs', text: (r) => verdictOf(r.comparison) },
];

export default async function ComparePage({ searchParams }: { searchParams: Promise<Search> }) {
  const q = await searchParams;
  const a = one(q.a);
  const b = one(q.b);
  const [ra, rb] = await Promise.all([a ? readRun(a) : null, b ? readRun(b) : null]);
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-3 p-3 sm:p-4">
      <PageHeader title="Compare two shared runs" />
      <Picker a={a} b={b} />
      {ra && <Problem label="A" r={ra} />}
      {rb && <Problem label="B" r={rb} />}
      {ra?.ok && rb?.ok && (
        <>
          <p className="text-sm" data-testid="same-workload">
            {stringifyWire(ra.run.workload) === stringifyWire(rb.run.workload)
              ? 'Both runs ran the same workload.'
              : 'The workloads differ (kernel, sizes or inputs): compare the numbers with care.'}
          </p>
          <Differences
            title="What differs in the workload"
            items={workloadDiff(ra.run, rb.run)}
            none="Nothing: the same kernel, sizes and inputs."
            testId="workload-diff"
          />
          <Differences
            title="What differs in the machines"
            items={deviceDiff(ra.run, rb.run)}
            none="Nothing: the same devices, browser and daemon."
            testId="device-diff"
          />
          <table className="w-full text-sm" data-testid="compare-table">
            <thead>
              <tr className="text-left text-xs text-zinc-500">
                <th scope="col" className="py-1 pr-3 font-normal" />
                <th scope="col" className="py-1 pr-3 font-normal">
                  <a href={`/r/${ra.run.id}`} className="underline">
                    A
                  </a>
                </th>
                <th scope="col" className="py-1 pr-3 font-normal">
                  <a href={`/r/${rb.run.id}`} className="underline">
                    B
                  </a>
                </th>
                <th scope="col" className="py-1 font-normal">
                  B ÷ A
                </th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => {
                const r = row.ms ? ratio(row.ms(ra.run), row.ms(rb.run)) : null;
                return (
                  <tr key={row.label} className="border-t border-zinc-100 dark:border-zinc-800">
                    <th scope="row" className="py-1 pr-3 text-left font-normal text-zinc-500">
                      {row.label}
                    </th>
                    <td className="py-1 pr-3 font-mono">{row.text(ra.run)}</td>
                    <td className="py-1 pr-3 font-mono">{row.text(rb.run)}</td>
                    <td
                      className="py-1 font-mono"
                      data-testid={row.ms ? `compare-ratio-${row.label}` : undefined}
                    >
                      {r
                        ? `${r.text}${r.faster === 'b' ? ' (B faster)' : r.faster === 'a' ? ' (A faster)' : ''}`
                        : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
