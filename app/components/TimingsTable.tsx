/** Per-phase timings of one side, with the kernel timer's resolution spelled out. */

import { formatMs } from '../../core/format';
import type { KernelTimer, Timings } from '../../core/result';
import type { Workload } from '../../core/workload';
import type { RemoteExtras } from '../lib/side-state';

const TIMER_NOTES: Record<KernelTimer, string> = {
  'timestamp-query':
    'WebGPU timestamp queries. Chrome rounds them to 100 µs unless its WebGPU developer features are enabled.',
  'wall-submit':
    'No timestamp queries on this adapter: submit → work-done wall time, includes queue overhead.',
  'cuda-events': 'CUDA events (about 0.5 µs resolution).',
  'steady-clock': 'CPU emulation: steady clock around each launch; not GPU performance.',
};

function Row({ phase, value, note }: { phase: string; value: string; note?: string | undefined }) {
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800">
      <th scope="row" className="py-1 pr-3 text-left font-normal text-zinc-500 dark:text-zinc-400">
        {phase}
      </th>
      <td className="py-1 pr-3 text-right font-mono tabular-nums">{value}</td>
      <td className="py-1 text-left text-zinc-500 dark:text-zinc-400">{note}</td>
    </tr>
  );
}

/** GB/s and GFLOP/s at the median kernel time, from the workload's `metrics`. */
function throughput(metrics: Workload['metrics'], kernelMs: number): string | null {
  if (!metrics || !(kernelMs > 0)) return null;
  const parts: string[] = [];
  if (metrics.bytes) parts.push(`${(metrics.bytes / kernelMs / 1e6).toFixed(2)} GB/s`);
  if (metrics.flops) parts.push(`${(metrics.flops / kernelMs / 1e6).toFixed(2)} GFLOP/s`);
  return parts.length ? parts.join(' · ') : null;
}

export function TimingsTable({
  timings,
  remote,
  metrics,
}: {
  timings: Timings;
  remote?: RemoteExtras | undefined;
  metrics?: Workload['metrics'];
}) {
  const k = timings.kernel;
  const compileNote = [
    timings.compile.cacheHit !== undefined ? (timings.compile.cacheHit ? 'cache hit' : 'cold') : undefined,
    timings.compile.translateMs !== undefined
      ? `translate ${formatMs(timings.compile.translateMs)}`
      : undefined,
    remote?.translate.cacheHit ? 'translation cached' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const timerNote = 'note' in k && typeof k.note === 'string' ? k.note : (TIMER_NOTES[k.timer] ?? k.timer);
  const rate = throughput(metrics, k.median);
  const webHop = remote ? Math.max(0, remote.browserRoundTripMs - remote.serverRoundTripMs) : undefined;
  return (
    <table className="w-full text-xs" data-testid="timings">
      <caption className="sr-only">Timings per phase</caption>
      <tbody>
        <Row phase="compile" value={formatMs(timings.compile.ms)} note={compileNote} />
        <Row phase="upload" value={formatMs(timings.upload.ms)} />
        <Row
          phase="kernel (median)"
          value={formatMs(k.median)}
          note={`min ${formatMs(k.min)} · p90 ${formatMs(k.p90)} · ${k.count} samples`}
        />
        {k.passes &&
          k.passes.length > 1 &&
          k.passes.map((p, i) => (
            <Row
              // biome-ignore lint/suspicious/noArrayIndexKey: passes are positional
              key={i}
              phase={`  pass ${i + 1}`}
              value={formatMs(p.median)}
              note={`min ${formatMs(p.min)} · p90 ${formatMs(p.p90)}`}
            />
          ))}
        {rate && <Row phase="throughput" value={rate} note="at the median kernel time" />}
        <Row phase="download" value={formatMs(timings.download.ms)} />
        {timings.queue && (
          <Row phase="queue" value={formatMs(timings.queue.ms)} note="waiting in the daemon's queue" />
        )}
        {timings.transport && (
          <Row
            phase="transport"
            value={formatMs(timings.transport.ms)}
            note="web server ⇄ daemon, beyond daemon time"
          />
        )}
        {webHop !== undefined && (
          <Row
            phase="browser ⇄ server"
            value={formatMs(webHop)}
            note="page ⇄ web server, incl. output download"
          />
        )}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3} className="pt-2 text-[11px] leading-snug text-zinc-500 dark:text-zinc-400">
            Kernel timer: {timerNote}
            {k.resolutionMs > 0 ? ` Resolution ${formatMs(k.resolutionMs)}.` : ''}
            {k.l2Flushed !== undefined && (
              <span data-testid="l2-note">
                {k.l2Flushed
                  ? ' L2 flushed before every sample (twice its size written, outside the timed region): cold-cache times.'
                  : ' L2 not flushed: samples after the first may find their data in a warm L2.'}
              </span>
            )}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
