/** The workshop load bench's section of docs/performance.md. */
import { DEFAULT_LIMITS } from '../daemon/config';
import type { LoadOptions, LoadPolicies, LoadResult } from './load';

const row = (queue: string, name: string, c: LoadResult['small']) =>
  `| ${queue} | ${name} | ${c.clients} | ${c.runs} | ${c.errors} | ${c.latencyMs.p50} | ${c.latencyMs.p95} | ${c.latencyMs.p99} | ${c.jain.toFixed(3)} |`;

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)} ×` : '—');

const think = ([min, max]: [number, number]) => (max === 0 ? 'none (back to back)' : `${min}–${max} ms`);

function loadDescription(o: LoadOptions): string {
  const large = o.largeThinkMs ?? o.thinkMs;
  return `${o.smallClients} students × ${o.smallKernels} small runs (4096-element SAXPY, think time ${think(o.thinkMs)}) and ${o.largeClients} heavy clients × ${o.largeKernels} runs (${o.largeElements} elements, think time ${think(large)}), over loopback HTTP.`;
}

function table(r: LoadPolicies): string[] {
  const { deviceTime: d, runCount: n } = r;
  return [
    '| queue | class | clients | runs | errors | p50 ms | p95 ms | p99 ms | Jain |',
    '|---|---|---|---|---|---|---|---|---|',
    row('device time', 'small', d.small),
    row('device time', 'large', d.large),
    row('run count', 'small', n.small),
    row('run count', 'large', n.large),
    '',
    `Small runs, device-time turns against run-count turns: p50 ${ratio(d.small.latencyMs.p50, n.small.latencyMs.p50)}, p95 ${ratio(d.small.latencyMs.p95, n.small.latencyMs.p95)}, p99 ${ratio(d.small.latencyMs.p99, n.small.latencyMs.p99)}; large runs p50 ${ratio(d.large.latencyMs.p50, n.large.latencyMs.p50)}.`,
    `Throughput ${d.throughputRunsPerS} runs/s over ${d.wallS} s (run count: ${n.throughputRunsPerS} runs/s over ${n.wallS} s); errors ${d.errors + n.errors}; daemon RSS ${d.rssMiB.before} → ${d.rssMiB.after} MiB.`,
    '',
  ];
}

export function load(r: { workshop: LoadPolicies; sweeps: LoadPolicies }): string {
  const quantum = r.workshop.deviceTime.options.fairShareQuantumMs ?? DEFAULT_LIMITS.fairShareQuantumMs;
  return [
    '## Workshop load (one daemon, CPU backend)',
    '',
    "`bench/load.ts`. Jain's index is over each client's service rate (runs completed / seconds spent waiting for them), per class.",
    `Each load runs twice in this bench run, on a fresh daemon each time: with the fair queue as it ships (**device time**: a run costs its client a turn per ${quantum} ms, \`fairShareQuantumMs\`, it held the device) and with every run one turn whatever its length (**run count**: the same queue without the charge; a client back from a pause still gets its one-turn head start).`,
    '',
    `### A workshop: ${loadDescription(r.workshop.deviceTime.options)}`,
    '',
    ...table(r.workshop),
    `### Students beside sweeps: ${loadDescription(r.sweeps.deviceTime.options)}`,
    '',
    ...table(r.sweeps),
  ].join('\n');
}
