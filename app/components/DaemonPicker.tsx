'use client';
/**
 * Which configured daemon runs the remote side — or, with several, "Auto": the least-loaded reachable
 * one, picked by the web server per run — and whether it answers.
 */
import { useState } from 'react';
import type { useDaemons } from '../hooks/useDaemons';
import { AUTO, AUTO_LABEL, choiceValue, daemonName, parseChoiceValue } from '../lib/daemon-choice';
import { InlineCode } from './InlineCode';
import { PairDaemon } from './PairDaemon';

/** The `<select>` value of "Add your own GPU…": opens the pairing panel, chooses no daemon. */
const PAIR_VALUE = 'pair';

type Daemons = ReturnType<typeof useDaemons>;

interface InfoShape {
  backend?: string;
  version?: string;
  device?: { name?: string };
  queue?: { length?: number; running?: number };
}

function describeDaemon(info: unknown): string {
  const i = (info ?? {}) as InfoShape;
  const backend = i.backend === 'cpu' ? 'CPU emulation' : (i.backend ?? '?');
  const device = i.device?.name;
  // The CPU backend's device name already says "CPU emulation (…)"; say it once.
  if (device?.startsWith(backend)) return device;
  return [backend, device].filter(Boolean).join(' · ');
}

export function DaemonPicker({ daemons }: { daemons: Daemons }) {
  const { selected } = daemons;
  const [pairing, setPairing] = useState(false);
  const readyCount = daemons.daemons.filter((d) => d.state === 'ready').length;
  // With auto, the dot says whether any daemon answers.
  const dot = selected
    ? { state: selected.state, title: selected.state }
    : daemons.auto
      ? {
          state: readyCount > 0 ? 'ready' : 'unreachable',
          title: `${readyCount} of ${daemons.daemons.length} daemons ready`,
        }
      : null;
  return (
    <div className="flex min-w-0 max-w-full flex-col gap-1">
      <div className="flex min-w-0 items-center gap-2">
        <label htmlFor="daemon-select" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
          Remote
        </label>
        <select
          id="daemon-select"
          data-testid="daemon-select"
          className="min-w-0 max-w-[22rem] flex-1 rounded-md in-[.present]:max-w-[13rem] border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          value={choiceValue(daemons.choice)}
          onChange={(e) => {
            if (e.target.value === PAIR_VALUE) return setPairing(true);
            const choice = parseChoiceValue(e.target.value);
            if (choice !== null) daemons.select(choice);
          }}
          disabled={daemons.loading}
        >
          {daemons.loading && <option value="">checking daemons…</option>}
          {daemons.offersAuto && (
            <option value={AUTO} data-testid="daemon-auto-option">
              {AUTO_LABEL} ({readyCount} of {daemons.daemons.length} ready)
            </option>
          )}
          {daemons.daemons.map((d) => (
            <option key={d.index} value={d.index} title={d.url}>
              {daemonName(d.url)} — {d.state === 'ready' ? describeDaemon(d.info) : d.state}
            </option>
          ))}
          <option value={PAIR_VALUE} data-testid="daemon-pair-option">
            Add your own GPU…
          </option>
        </select>
        <button
          type="button"
          onClick={() => daemons.refresh()}
          className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          aria-label="Check daemons again"
        >
          ↻
        </button>
        {dot && (
          <span
            data-testid="daemon-state"
            data-state={dot.state}
            className={`size-2 rounded-full ${dot.state === 'ready' ? 'bg-emerald-500' : 'bg-rose-500'}`}
            title={dot.title}
          />
        )}
      </div>
      {pairing && <PairDaemon daemons={daemons} onClose={() => setPairing(false)} />}
      {daemons.error && (
        <p className="text-xs text-rose-700 dark:text-rose-300" role="status">
          Could not list daemons: {daemons.error}
        </p>
      )}
    </div>
  );
}

/**
 * Shown in the remote panel while the chosen daemon is not ready (with auto: while none is): what is
 * wrong and how to fix it.
 */
export function DaemonNotice({ daemons }: { daemons: Daemons }) {
  const selected =
    daemons.selected ??
    (daemons.auto && !daemons.daemons.some((d) => d.state === 'ready') ? (daemons.daemons[0] ?? null) : null);
  if (!selected || selected.state === 'ready') return null;
  return (
    <p
      className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs leading-relaxed text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      data-testid="daemon-hint"
      role="status"
    >
      <span className="font-semibold">
        {daemons.auto && `None of the ${daemons.daemons.length} daemons is ready; the first: `}
        {selected.state === 'unreachable' ? 'Daemon unreachable.' : `${selected.message}.`}
      </span>{' '}
      <InlineCode text={selected.hint} />
    </p>
  );
}
