'use client';
/**
 * The link model for one measured point: the remote total predicted over each host↔GPU link (with
 * the range real systems show), who wins, and the break-even arithmetic intensity; plus the link
 * the daemon measured at start when it has one, and a link the reader types in. Sources below.
 */
import { useMemo, useState } from 'react';
import { formatSize } from '../../core/crossover';
import {
  breakEvenLinkGBs,
  type LinkChoice,
  type LinkPrediction,
  measuredLink,
  predictLink,
  runIntensity,
} from '../../core/link-model';
import { LINKS, type LinkSpec } from '../../core/links';
import { measuredRun, type SweepPoint } from './sweep-point';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
const gbs = (v: number) => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(1) : v.toPrecision(3)) : '∞');
const bytes = (b: number) =>
  b >= 1e9
    ? `${(b / 1e9).toFixed(2)} GB`
    : b >= 1e6
      ? `${(b / 1e6).toFixed(2)} MB`
      : `${(b / 1e3).toFixed(1)} kB`;
const intensity = (v: number | null) =>
  v === null ? '—' : v === Number.POSITIVE_INFINITY ? 'never (remote kernel not faster)' : v.toPrecision(3);

function Row({ p, testId, source }: { p: LinkPrediction; testId: string; source: string }) {
  return (
    <tr data-testid={testId} data-link={p.id} className="border-t border-zinc-200 dark:border-zinc-800">
      <th scope="row" className="py-1 pr-2 text-left font-medium">
        {p.name}
        <div className="text-xs font-normal text-zinc-500">{source}</div>
      </th>
      <td className="px-2 text-right tabular-nums">
        {p.upGBs === p.downGBs ? gbs(p.upGBs) : `${gbs(p.upGBs)} ↑ / ${gbs(p.downGBs)} ↓`}
      </td>
      <td className="px-2 text-right tabular-nums" data-testid="predicted-ms">
        {ms(p.predictedMs)}
        {p.rangeMs && (
          <span className="text-xs text-zinc-500">
            {' '}
            ({ms(p.rangeMs[0])}–{ms(p.rangeMs[1])})
          </span>
        )}
      </td>
      <td className="px-2 text-right tabular-nums">{ms(p.localMs)}</td>
      <td
        className={`px-2 text-center font-medium ${p.remoteWins ? 'text-emerald-700 dark:text-emerald-400' : 'text-zinc-500'}`}
        data-testid="winner"
      >
        {p.remoteWins ? `remote ×${p.speedup.toFixed(2)}` : `local ×${(1 / p.speedup).toFixed(2)}`}
      </td>
      <td className="px-2 text-right tabular-nums">{intensity(p.breakEvenIntensity)}</td>
    </tr>
  );
}

/** `links`: the link model to predict over (a shared sweep's own, as stored; else core/links.ts). */
export function LinkTable({
  points,
  param,
  links = LINKS,
}: {
  points: SweepPoint[];
  param: string;
  links?: readonly LinkSpec[];
}) {
  const usable = points.map((p, i) => ({ p, i, run: measuredRun(p) })).filter((x) => x.run !== null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [customText, setCustomText] = useState('10');
  const pick = usable.find((u) => u.i === chosen) ?? usable[usable.length - 1];
  const custom = Number(customText);

  const rows = useMemo(() => {
    if (!pick?.run) return null;
    const run = pick.run;
    const remoteDevice = pick.p.remote.status === 'done' ? pick.p.remote.device : null;
    const measured = measuredLink(remoteDevice);
    const linkRows = links.map((l) =>
      predictLink(run, { id: l.id, name: l.name, gbs: l.gbs, range: l.range }),
    );
    const customChoice: LinkChoice | null =
      Number.isFinite(custom) && custom > 0 ? { id: 'custom', name: 'Your link', gbs: custom } : null;
    return {
      run,
      measured: measured ? predictLink(run, measured) : null,
      linkRows,
      custom: customChoice ? predictLink(run, customChoice) : null,
      remoteDevice,
    };
  }, [pick, custom, links]);

  if (!pick || !rows) {
    return (
      <p className="text-sm text-zinc-500" data-testid="link-model-empty">
        The link model needs a point measured on both sides.
      </p>
    );
  }
  const { run } = rows;
  const I = runIntensity(run);
  const needed = breakEvenLinkGBs(run);

  return (
    <section aria-label="Link model" data-testid="link-model" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">Point</span>
          <select
            data-testid="link-point"
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            value={pick.i}
            onChange={(e) => setChosen(Number(e.target.value))}
          >
            {usable.map((u) => (
              <option key={u.i} value={u.i}>
                {param} = {formatSize(u.p.value)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">Your link (GB/s)</span>
          <input
            data-testid="custom-link"
            type="number"
            min="0.01"
            step="any"
            className="w-24 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            value={customText}
            onChange={(e) => setCustomText(e.target.value)}
          />
        </label>
      </div>
      <p className="text-sm" data-testid="link-summary">
        At {param} = {formatSize(pick.p.value)} the run sends {bytes(run.bytesUp)} to the GPU and reads back{' '}
        {bytes(run.bytesDown)}; the remote kernel takes {ms(run.remote.kernelMs)} ms against a local total of{' '}
        {ms(run.local.uploadMs + run.local.kernelMs + run.local.downloadMs)} ms.{' '}
        {Number.isFinite(needed)
          ? `The remote GPU wins on any link faster than ${gbs(needed)} GB/s.`
          : 'The remote kernel alone is slower than the whole local run: no link makes the remote side win here.'}
        {I !== null && ` This kernel does ${I.toPrecision(3)} flops per byte moved over the link.`}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-sm" data-testid="link-table">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="py-1 text-left font-medium">link</th>
              <th className="px-2 text-right font-medium">GB/s used</th>
              <th className="px-2 text-right font-medium">predicted remote total ms (range)</th>
              <th className="px-2 text-right font-medium">local total ms</th>
              <th className="px-2 text-center font-medium">faster</th>
              <th className="px-2 text-right font-medium">break-even flops/byte</th>
            </tr>
          </thead>
          <tbody>
            {rows.measured && (
              <Row
                p={rows.measured}
                testId="link-row-measured"
                source="measured by the CUDA executor at start (pinned copies)"
              />
            )}
            {rows.linkRows.map((p) => (
              <Row key={p.id} p={p} testId={`link-row-${p.id}`} source="central figure; sources below" />
            ))}
            {rows.custom && <Row p={rows.custom} testId="link-row-custom" source="the figure you typed" />}
          </tbody>
        </table>
      </div>
      {!rows.measured && (
        <p data-testid="no-measured-link" className="text-sm text-amber-800 dark:text-amber-200">
          No measured link: the remote side ({rows.remoteDevice?.name ?? 'unknown device'}) reported no
          host↔device bandwidth. CPU emulation has no link to measure; a CUDA daemon measures its own at start
          and its row appears here.
        </p>
      )}
      <p className="text-xs text-zinc-500">
        Model: remote total = remote kernel (measured median) + bytes up ÷ link + bytes down ÷ link; local
        total = measured upload + kernel + download. Compile, queueing and network transport are left out.
        Break-even flops/byte = (1/link) ÷ (1/local rate − 1/remote rate), rates from the measured kernels and
        the preset’s flop count.
      </p>
      <LinkSources links={links} />
    </section>
  );
}

function LinkSources({ links }: { links: readonly LinkSpec[] }) {
  return (
    <details className="text-xs" data-testid="link-sources">
      <summary className="cursor-pointer font-medium">Where the link figures come from</summary>
      <ul className="mt-1 flex flex-col gap-2">
        {links.map((l) => (
          <li key={l.id}>
            <span className="font-medium">{l.name}</span>: {l.gbs} GB/s (range {l.range[0]}–{l.range[1]},
            nominal {l.nominalGBs}). {l.basis}
            <ul className="ml-4 list-disc">
              {l.sources.map((s) => (
                <li key={s.url}>
                  <span className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{s.kind}</span>{' '}
                  <a
                    href={s.url}
                    className="text-sky-700 underline dark:text-sky-400"
                    rel="noreferrer"
                    target="_blank"
                  >
                    {s.title}
                  </a>
                  : {s.says}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}
