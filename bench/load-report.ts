/** The workshop load bench's section of docs/performance.md. */
import type { LoadResult } from './load';

export function load(r: LoadResult): string {
  const o = r.options;
  const row = (name: string, c: LoadResult['small']) =>
    `| ${name} | ${c.clients} | ${c.runs} | ${c.errors} | ${c.latencyMs.p50} | ${c.latencyMs.p95} | ${c.latencyMs.p99} | ${c.jain.toFixed(3)} |`;
  return [
    '## Workshop load (one daemon, CPU backend)',
    '',
    `${o.smallClients} students × ${o.smallKernels} small runs (4096-element SAXPY) and ${o.largeClients} heavy clients × ${o.largeKernels} runs (${o.largeElements} elements), think time ${o.thinkMs[0]}–${o.thinkMs[1]} ms, over loopback HTTP (\`bench/load.ts\`).`,
    "Jain's index is over each client's service rate (runs completed / seconds spent waiting for them), per class.",
    '',
    '| class | clients | runs | errors | p50 ms | p95 ms | p99 ms | Jain |',
    '|---|---|---|---|---|---|---|---|',
    row('small', r.small),
    row('large', r.large),
    '',
    `Throughput ${r.throughputRunsPerS} runs/s over ${r.wallS} s; errors ${r.errors}; daemon RSS ${r.rssMiB.before} → ${r.rssMiB.after} MiB.`,
    '',
  ].join('\n');
}
