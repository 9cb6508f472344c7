/** Renders docs/performance.md from one benchmark run's record. */
import { cudaQuality } from './cuda-quality-report';
import { floorLines } from './floor/report';
import { load } from './load-report';
import type { MachineInfo } from './machine';
import type { Measurement } from './measure';
import type { OverheadResult } from './overhead.bench';
import { bundle, compile, cpuBackend, download, gpu, preludeCost, translate } from './sections';
import { workshop } from './workshop-load-report';

interface Record {
  date: string;
  machine: MachineInfo;
  entries: { name: string; date?: string; machine?: MachineInfo; result: unknown; error?: string }[];
}

const ms = (m: Measurement) =>
  `${m.median.toFixed(2)} ms (min ${m.min.toFixed(2)}, p90 ${m.p90.toFixed(2)}, n=${m.n})`;

/** Where the page path's time goes: its stages from the run's own answer, and CPU per run by process. */
function pageBreakdown(r: OverheadResult): string[] {
  const s = r.pageStages;
  const cpu = r.pageCpuMs;
  if (!s) return [];
  const f = (m: Measurement) => `${m.median.toFixed(3)} ms (p90 ${m.p90.toFixed(3)})`;
  const x = (m: Measurement) => (r.bareFetch ? `${(m.median / r.bareFetch.median).toFixed(2)} ×` : '');
  const lines = [
    'Where the page path’s time goes (each stage’s median over the same runs; medians need not add up):',
    '',
    '| stage | median | × bare fetch |',
    '|---|---|---|',
    `| the browser’s fetch and tRPC client, the web server’s HTTP and tRPC in and out (total − \`serverRoundTripMs\`) | ${f(s.outsideProcedure)} | ${x(s.outsideProcedure)} |`,
    `| the web server’s hop to the daemon and back, the daemon’s own time taken out (\`transport\`) | ${f(s.daemonHop)} | ${x(s.daemonHop)} |`,
    `| inside the daemon, request in → result ready | ${f(s.daemonInside)} | ${x(s.daemonInside)} |`,
    `| … of which the executor’s timed phases (upload, kernel, download) | ${f(s.executorPhases)} | ${x(s.executorPhases)} |`,
    '',
  ];
  if (cpu) {
    const c = (role: keyof typeof cpu) => `${(cpu[role] ?? 0).toFixed(2)} ms`;
    lines.push(
      `CPU per page-path run (user + system, /proc, ${cpu.runs} runs back to back): ` +
        `the bench’s client (fetch, the tRPC client: the browser’s part) ${c('bench')}, the web server ${c('web server')}, ` +
        `the daemon ${c('daemon')}, the executor ${c('executor')}.`,
      '',
    );
  }
  return lines;
}

function overhead(r: OverheadResult): string {
  // Records from before the client moved to node:http have one baseline, measured with fetch.
  if (!r.bareFetch)
    return [
      '## Warm end-to-end overhead of a tiny run',
      '',
      'A 64-element SAXPY, warm (compile cache hit), measured interleaved with its baseline.',
      '',
      '| path | median (spread) | × bare HTTP round trip |',
      '|---|---|---|',
      `| page path: tRPC \`runs.submit\` → daemon → executor → back, + binary output fetch | ${ms(r.pagePath)} | ${r.ratioPageToBare.toFixed(2)} |`,
      `| daemon path: daemon client → daemon → executor → back | ${ms(r.daemonPath)} | ${r.ratioDaemonToBare.toFixed(2)} |`,
      `| bare HTTP round trip (loopback Node server, same client) | ${ms(r.bareHttp)} | 1.00 |`,
      '',
    ].join('\n');
  const other = r.bareHttpOtherProcess;
  const long = r.longServed;
  const target = r.ratioDaemonToBareOtherProcess ?? r.ratioDaemonToBare;
  const met = (x: number) => (x < 3 ? 'met' : '**not met**');
  const per = (m: Measurement) => (m.median / r.bareHttp.median).toFixed(2);
  return [
    '## Warm end-to-end overhead of a tiny run',
    '',
    `A 64-element SAXPY, warm (compile and translation caches hit${r.warmupRounds ? `, after ${r.warmupRounds} rounds of every path` : ''}), the paths and their baselines measured interleaved.`,
    'Each path is compared with a bare loopback round trip made by the same HTTP client: node:http',
    '(keep-alive agent) for the daemon client, fetch for the page path (as a browser).',
    other
      ? 'The daemon path’s baseline is a bare server in another process, as the daemon is: the same hop between two processes without Duet’s work. A server in the bench’s own process (no other process to wake) is shown too.'
      : '',
    '',
    '| path | median (spread) | × bare round trip, same client |',
    '|---|---|---|',
    `| page path: streamed tRPC \`runs.submit\` (the page's link, app/trpc/stream-link.ts, read to its result) → daemon → executor → back, outputs inline (fetch) | ${ms(r.pagePath)} | ${r.ratioPageToBare.toFixed(2)} × fetch, same process${r.bareFetchOtherProcess ? `; ${(r.pagePath.median / r.bareFetchOtherProcess.median).toFixed(2)} × fetch, other process` : ''}${r.floor ? `; ${(r.pagePath.median / r.floor.path.median).toFixed(2)} × the floor` : ''} |`,
    ...(r.floor
      ? [
          `| floor: the same transports doing nothing (fetch → node:http process → keep-alive node:http → node:http process → pipe → native echo process → back; bench/floor/) | ${ms(r.floor.path)} | ${(r.floor.path.median / r.bareFetch.median).toFixed(2)} × fetch, same process${r.bareFetchOtherProcess ? `; ${(r.floor.path.median / r.bareFetchOtherProcess.median).toFixed(2)} × fetch, other process` : ''} |`,
          `| floor without the daemon’s process (fetch → node:http process → pipe → native echo process → back) | ${ms(r.floor.withoutDaemon)} | ${(r.floor.withoutDaemon.median / r.bareFetch.median).toFixed(2)} × fetch, same process |`,
        ]
      : []),
    other
      ? `| daemon path: daemon client → daemon → executor → back (node:http) | ${ms(r.daemonPath)} | ${(r.daemonPath.median / other.median).toFixed(2)} × node:http, other process; ${per(r.daemonPath)} × same process |`
      : `| daemon path: daemon client → daemon → executor → back (node:http) | ${ms(r.daemonPath)} | ${r.ratioDaemonToBare.toFixed(2)} |`,
    r.daemonInside
      ? `| … of which inside the daemon (request in → result ready, \`daemonMs\`) | ${ms(r.daemonInside)} | ${other ? `${(r.daemonInside.median / other.median).toFixed(2)} × other process` : per(r.daemonInside)} |`
      : '',
    other ? `| bare HTTP round trip, node:http, server in another process | ${ms(other)} | 1.00 |` : '',
    `| bare HTTP round trip, node:http, server in this process | ${ms(r.bareHttp)} | ${other ? `${(r.bareHttp.median / other.median).toFixed(2)} × other process` : '1.00'} |`,
    `| bare HTTP round trip, fetch, server in this process | ${ms(r.bareFetch)} | ${(r.bareFetch.median / r.bareHttp.median).toFixed(2)} × node:http, same process |`,
    r.bareFetchOtherProcess
      ? `| bare HTTP round trip, fetch, server in another process | ${ms(r.bareFetchOtherProcess)} | ${(r.bareFetchOtherProcess.median / r.bareFetch.median).toFixed(2)} × fetch, same process |`
      : '',
    '',
    long
      ? `Then, once the daemon has served ${long.runs} runs (V8 has optimised its hot code by then; a workshop of 50 students doing 20 runs each gets there), the daemon path and its node:http baselines, interleaved again:`
      : '',
    long ? '' : '',
    long ? '| path | median (spread) | × bare round trip, node:http |' : '',
    long ? '|---|---|---|' : '',
    long
      ? `| daemon path, long-served daemon | ${ms(long.daemonPath)} | ${long.ratioDaemonToBareOtherProcess.toFixed(2)} × other process; ${(long.daemonPath.median / long.bareHttp.median).toFixed(2)} × same process |`
      : '',
    long
      ? `| … of which inside the daemon (\`daemonMs\`) | ${ms(long.daemonInside)} | ${(long.daemonInside.median / long.bareHttpOtherProcess.median).toFixed(2)} × other process |`
      : '',
    long
      ? `| bare HTTP round trip, server in another process | ${ms(long.bareHttpOtherProcess)} | 1.00 |`
      : '',
    long
      ? `| bare HTTP round trip, server in this process | ${ms(long.bareHttp)} | ${(long.bareHttp.median / long.bareHttpOtherProcess.median).toFixed(2)} × other process |`
      : '',
    long ? '' : '',
    other
      ? `Issue target: warm overhead under 3 bare round trips (to another process) — daemon path after ${r.warmupRounds ?? 5} rounds ${met(target)} (${target.toFixed(2)} ×; ${r.ratioDaemonToBare.toFixed(2)} × a round trip inside the bench’s process; ${r.ratioDaemonToBareFetch?.toFixed(2)} × a fetch round trip)${long ? `; long-served daemon ${met(long.ratioDaemonToBareOtherProcess)} (${long.ratioDaemonToBareOtherProcess.toFixed(2)} ×; ${(long.daemonPath.median / long.bareHttp.median).toFixed(2)} × inside the bench’s process)` : ''}.`
      : `Issue target: warm overhead under 3 bare round trips — daemon path ${met(r.ratioDaemonToBare)} (${r.ratioDaemonToBare.toFixed(2)} × a node:http round trip; ${r.ratioDaemonToBareFetch?.toFixed(2)} × a fetch round trip, the client earlier runs used).`,
    `Page path (issue 23, a streamed run: at most 3 × a bare fetch round trip): ${met(r.ratioPageToBare)} (${r.ratioPageToBare.toFixed(2)} ×${r.bareFetchOtherProcess ? `; ${(r.pagePath.median / r.bareFetchOtherProcess.median).toFixed(2)} × a fetch round trip to another process` : ''}).`,
    '',
    ...floorLines(r),
    r.load
      ? `Load average (1 min) while measured: ${r.load.start.toFixed(1)} at the start, ${r.load.end.toFixed(1)} at the end, on ${r.load.cores} cores${r.load.start > r.load.cores || r.load.end > r.load.cores ? ': other work shared the machine, so these figures are provisional (to be re-run on a quiet machine)' : ''}.`
      : '',
    '',
    ...pageBreakdown(r),
  ]
    .filter((l, i, a) => l !== '' || a[i - 1] !== '')
    .join('\n');
}

const renderers: { [name: string]: (r: never) => string } = {
  overhead,
  download,
  translate,
  'cpu-backend': cpuBackend,
  compile,
  bundle,
  gpu,
  load,
  workshop,
  'prelude-cost': preludeCost,
  'cuda-quality': cudaQuality,
};

/** One entry's section. An entry kept from an earlier run may have the shape its bench had then; it is
 * then shown as recorded rather than stopping the whole report. */
function renderEntry(e: Record['entries'][number]): string {
  const json = `## ${e.name}\n\n\`\`\`json\n${JSON.stringify(e.result, null, 2)}\n\`\`\`\n`;
  const render = renderers[e.name] as ((r: unknown) => string) | undefined;
  if (!render) return json;
  try {
    return render(e.result);
  } catch {
    return `${json}\n_Recorded by an earlier version of this bench; \`npm run bench -- ${e.name}\` renders it anew._\n`;
  }
}

/**
 * `notes`: hand-written text per section (bench/notes/<name>.md, read by bench/run.ts), placed after
 * that section, so what a person measured or reasoned beside a bench survives the next run.
 */
export function renderReport(rec: Record, notes: { [name: string]: string } = {}): string {
  const m = rec.machine;
  const out = [
    '# Duet performance report',
    '',
    `Generated by \`npm run bench\` on ${rec.date}.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node} (host ${m.host}).`,
    'No GPU on this machine: remote figures are the CPU-emulation backend. GPU figures live in',
    '[gpu-verification.md](gpu-verification.md) when a GPU run exists.',
    '',
  ];
  for (const e of rec.entries) {
    if (e.error) out.push(`## ${e.name}`, '', `Failed: ${e.error}`, '');
    else out.push(renderEntry(e));
    // Entries of a subset run are merged into the day's record: say when each was measured.
    const where =
      e.machine && e.machine.cpu !== m.cpu ? ` on ${e.machine.cpu}, ${e.machine.cores} cores` : '';
    if (e.date && e.date < rec.date) out.push(`_Measured earlier, at ${e.date}${where}._`, '');
    const note = Object.hasOwn(notes, e.name) ? notes[e.name]!.trim() : '';
    if (note) out.push(note, '');
  }
  return out.join('\n');
}
