/** docs/performance.md's lines on the overhead bench's floor (./stack.ts), beside the page path. */
import type { Measurement } from '../measure';
import type { OverheadResult } from '../overhead.bench';

/**
 * The floor (bench/floor/): the page path's topology doing nothing, beside the page path, and what the
 * target can be with it.
 */
export function floorLines(r: OverheadResult): string[] {
  const fl = r.floor;
  if (!fl || !r.bareFetch) return [];
  const x = (m: Measurement) => (m.median / r.bareFetch!.median).toFixed(2);
  const own = r.pagePath.median - fl.path.median;
  const z = fl.sizes;
  const lines = [
    `The floor carries the tiny run’s byte counts on every hop: the page’s request ${z.pageRequest} B and answer ${z.pageAnswer} B, ` +
      `the daemon’s ${z.daemonRequest} B and ${z.daemonAnswer} B, the executor’s pipe ${z.executorIn} B in and ${z.executorOut} B out ` +
      '(read off the wire, and from the executor’s /proc/<pid>/io over 20 runs). ' +
      `Of the page path’s ${r.pagePath.median.toFixed(2)} ms, the floor is ${fl.path.median.toFixed(2)} ms: Duet’s own work (the tRPC client and ` +
      `endpoint, validation, auth, limits, the run plan, frames, the executor’s sandboxed run) is the other ` +
      `${own.toFixed(2)} ms (${((own / r.pagePath.median) * 100).toFixed(0)}%).`,
  ];
  const cross = r.bareFetchOtherProcess;
  const hops = cross
    ? [cross.median, fl.path.median - fl.withoutDaemon.median, fl.withoutDaemon.median - cross.median]
    : [];
  // Differences of medians: under uneven load one can come out negative, which splits nothing.
  if (cross && hops.every((h) => h > 0))
    lines.push(
      '',
      'Each process boundary of the floor, by differences of medians: browser ↔ web server ' +
        `${cross.median.toFixed(2)} ms (the cross-process fetch), web server ↔ daemon ` +
        `${hops[1]!.toFixed(2)} ms (floor − floor without the daemon’s process), ` +
        `daemon ↔ executor ${hops[2]!.toFixed(2)} ms (floor without the daemon’s process − the cross-process fetch).`,
    );
  if (fl.cpuMs) {
    const c = (role: keyof NonNullable<typeof fl.cpuMs>) => `${(fl.cpuMs?.[role] ?? 0).toFixed(2)} ms`;
    lines.push(
      '',
      `CPU per floor run (user + system, /proc, ${fl.cpuMs.runs} runs back to back): the bench’s fetch ${c('bench')}, ` +
        `the web server’s stand-in ${c('floor web server')}, the daemon’s ${c('floor daemon')}, the echo ${c('floor executor')}.`,
    );
    const page = r.pageCpuMs;
    if (page) {
      const own = (p: keyof typeof page, f: keyof NonNullable<typeof fl.cpuMs>) =>
        `${((page[p] ?? 0) - (fl.cpuMs?.[f] ?? 0)).toFixed(2)} ms`;
      lines.push(
        `Duet’s own CPU per run, each page-path process less its stand-in: the browser’s part ${own('bench', 'bench')}, ` +
          `the web server ${own('web server', 'floor web server')}, the daemon ${own('daemon', 'floor daemon')}, ` +
          `the executor ${own('executor', 'floor executor')}.`,
      );
    }
  }
  const reach = (m: Measurement) => (m.median / r.bareFetch!.median <= 3 ? 'at or under' : 'above');
  // Fastest runs: what the machine allows when other work leaves it alone (medians move with load).
  const fastest = (m: Measurement) => (m.min / r.bareFetch!.min).toFixed(2);
  lines.push(
    '',
    `Is ≤ 3 × a bare fetch reachable with this topology on this machine? The same transports doing nothing take ` +
      `${x(fl.path)} × a bare fetch round trip (same process), ${reach(fl.path)} 3 × before Duet does any work ` +
      `(fastest run against fastest run: ${fastest(fl.path)} ×); with the daemon’s process taken out, ${x(fl.withoutDaemon)} ×, ` +
      `${reach(fl.withoutDaemon)} 3 × (fastest: ${fastest(fl.withoutDaemon)} ×). The page path’s fastest run: ${fastest(r.pagePath)} ×.`,
    '',
  );
  return lines;
}
