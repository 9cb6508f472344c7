/**
 * The top of a shared run's page and of its embed card: the headline ("Remote 3.4× faster"), the
 * devices it compares, and the warm timing bars (the playground's own, app/components/TimingBars).
 */

import { headlineOf } from '../../core/speed-headline';
import type { StoredRun } from '../../server/share/record';
import { TimingBars } from '../components/TimingBars';
import { sideLabel } from './format';

export function RunStory({ run, compact = false }: { run: StoredRun; compact?: boolean }) {
  const h = headlineOf(run.local.timings, run.remote.timings);
  return (
    <section aria-labelledby="run-headline" className="flex flex-col gap-2" data-testid="run-story">
      <h2
        id="run-headline"
        className={`${compact ? 'text-xl' : 'text-2xl'} font-bold tracking-tight`}
        data-testid="run-headline"
        data-faster={h.faster ?? 'none'}
      >
        {h.text}
        <span className="ml-2 text-sm font-normal text-zinc-500">warm, end to end</span>
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-300" data-testid="run-devices">
        Browser: {sideLabel(run.local)} · Remote: {sideLabel(run.remote)}
      </p>
      <TimingBars local={run.local.timings} remote={run.remote.timings} />
    </section>
  );
}

/** One line for a reader who has never heard of Duet (and may have no GPU). */
export const WHAT_DUET_IS =
  'Duet runs one WGSL compute kernel in the browser (WebGPU) and on a remote GPU through a daemon, then compares the outputs element by element and the timings phase by phase. No GPU here? The remote side runs on the server; your browser’s WebGPU may fall back to software.';
