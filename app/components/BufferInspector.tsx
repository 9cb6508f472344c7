'use client';
import { useMemo, useState } from 'react';
import { generateBinding } from '../../core/generators';
/**
 * Page through any input or output buffer, of either side, as f32 / i32 / u32 / hex words; jump to an
 * index; download the bytes (.bin) or the values (.csv). Inputs are generated from the workload here
 * (core/generators.ts) — bit-identical to what both sides started from. Each buffer opens in its
 * binding's own element type (a u32 histogram as u32, not as denormal floats), and an image output
 * also as its picture.
 */
import { ownEntry } from '../../core/named';
import type { SideResult } from '../../core/result';
import type { ElementType, Workload } from '../../core/workload';
import {
  formatFor,
  formatWord,
  pageOf,
  toCsv,
  VIEW_FORMATS,
  type ViewFormat,
  wordCount,
} from '../lib/buffer-view';
import { downloadFile } from '../lib/download';
import { type ImageSpec, OutputImage } from './OutputImage';
import { Panel } from './Panel';

const PAGE = 64;

interface BufferChoice {
  id: string;
  label: string;
  fileBase: string;
  element: ElementType | undefined;
  /** An output the workload draws as an image: the inspector shows the picture above its numbers. */
  image?: ImageSpec | undefined;
  bytes: () => Uint8Array;
}

function choicesOf(workload: Workload, local: SideResult | null, remote: SideResult | null): BufferChoice[] {
  const list: BufferChoice[] = [];
  for (const b of workload.bindings) {
    if (b.kind === 'uniform' || !b.init || b.output) continue;
    list.push({
      id: `in:${b.name}`,
      label: `input ${b.name} (both sides)`,
      fileBase: `${b.name}-input`,
      element: b.element,
      bytes: () => generateBinding(b),
    });
  }
  for (const b of workload.bindings) {
    if (b.kind === 'uniform') continue;
    if (b.output) {
      if (b.init)
        list.push({
          id: `in:${b.name}`,
          label: `input ${b.name} (initial, both sides)`,
          fileBase: `${b.name}-input`,
          element: b.element,
          bytes: () => generateBinding(b),
        });
      const l = ownEntry(local?.outputs, b.name);
      const r = ownEntry(remote?.outputs, b.name);
      if (l)
        list.push({
          id: `local:${b.name}`,
          label: `output ${b.name} · browser`,
          fileBase: `${b.name}-browser`,
          element: b.element,
          image: b.image,
          bytes: () => l,
        });
      if (r)
        list.push({
          id: `remote:${b.name}`,
          label: `output ${b.name} · remote`,
          fileBase: `${b.name}-remote`,
          element: b.element,
          image: b.image,
          bytes: () => r,
        });
    }
  }
  return list;
}

export function BufferInspector({
  workload,
  local,
  remote,
}: {
  workload: Workload;
  local: SideResult | null;
  remote: SideResult | null;
}) {
  const choices = useMemo(() => choicesOf(workload, local, remote), [workload, local, remote]);
  const [chosen, setChosen] = useState<string | null>(null);
  // The user's choice of format holds for the buffer it was made on; another buffer opens in its own type.
  const [picked, setPicked] = useState<{ id: string; format: ViewFormat } | null>(null);
  const [page, setPage] = useState(0);
  const [jump, setJump] = useState('');
  const choice =
    choices.find((c) => c.id === chosen) ?? choices.find((c) => c.id.startsWith('local:')) ?? choices[0];
  const bytes = useMemo(() => choice?.bytes() ?? new Uint8Array(0), [choice]);
  const words = wordCount(bytes);
  const pages = Math.max(1, Math.ceil(words / PAGE));
  const current = Math.min(page, pages - 1);
  const jumpTo = Number(jump);
  const highlighted = jump !== '' && Number.isInteger(jumpTo) ? jumpTo : null;
  if (!choice) return null;
  const format = picked?.id === choice.id ? picked.format : formatFor(choice.element);
  const first = current * PAGE;
  const rows = Array.from({ length: Math.min(PAGE, words - first) }, (_, k) => first + k);
  const control =
    'rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900';
  return (
    <Panel title="Buffer inspector" labelId="inspector-title" testId="inspector">
      <div className="space-y-2 p-3">
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <label htmlFor="inspector-buffer">Buffer</label>
          <select
            id="inspector-buffer"
            data-testid="inspector-buffer"
            className={control}
            value={choice.id}
            onChange={(e) => {
              setChosen(e.target.value);
              setPage(0);
            }}
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <label htmlFor="inspector-format">as</label>
          <select
            id="inspector-format"
            data-testid="inspector-format"
            className={control}
            value={format}
            onChange={(e) => setPicked({ id: choice.id, format: e.target.value as ViewFormat })}
          >
            {VIEW_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (highlighted !== null && highlighted >= 0 && highlighted < words)
                setPage(pageOf(highlighted, PAGE));
            }}
          >
            <label htmlFor="inspector-jump">index</label>
            <input
              id="inspector-jump"
              data-testid="inspector-jump"
              type="number"
              min={0}
              max={Math.max(0, words - 1)}
              value={jump}
              onChange={(e) => setJump(e.target.value)}
              className={`${control} w-24`}
            />
            <button type="submit" className={control}>
              Go
            </button>
          </form>
          <button
            type="button"
            className={control}
            onClick={() => downloadFile(`${choice.fileBase}.bin`, new Uint8Array(bytes))}
          >
            .bin
          </button>
          <button
            type="button"
            className={control}
            data-testid="inspector-csv"
            onClick={() => downloadFile(`${choice.fileBase}.csv`, toCsv(bytes, format), 'text/csv')}
          >
            .csv
          </button>
        </div>
        <div className="flex items-center gap-2 text-xs">
          <button
            type="button"
            className={control}
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            ← previous
          </button>
          <span data-testid="inspector-page">
            words {first}–{Math.min(words, first + PAGE) - 1} of {words} · page {current + 1}/{pages}
          </span>
          <button
            type="button"
            className={control}
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            next →
          </button>
        </div>
        {choice.image && (
          <OutputImage
            bytes={bytes}
            element={choice.element ?? 'u32'}
            spec={choice.image}
            label={`${choice.label} as an image`}
            testId="inspector-image"
          />
        )}
        <table className="w-full font-mono text-xs tabular-nums" data-testid="inspector-table">
          <caption className="sr-only">
            {choice.label} as {format}
          </caption>
          <tbody className="grid grid-cols-2 gap-x-4 sm:grid-cols-4">
            {rows.map((i) => (
              <tr
                key={i}
                data-index={i}
                className={`flex justify-between ${i === highlighted ? 'bg-amber-100 dark:bg-amber-900/40' : ''}`}
              >
                <th scope="row" className="pr-2 text-right font-normal text-zinc-500">
                  {i}
                </th>
                <td>{formatWord(bytes, i, format)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
