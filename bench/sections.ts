/** docs/performance.md sections for the download, translate, cpu-backend, compile, bundle, gpu and prelude-cost benches. */
import type { BundleResult, Chunk } from './bundle.bench';
import type { CompileResult } from './compile.bench';
import type { CpuBackendResult, Throughput } from './cpu-backend.bench';
import type { DownloadResult } from './download.bench';
import type { GpuResult } from './gpu.bench';
import type { Measurement } from './measure';
import { type CpuRow, type CudaRow, JCC_FLAGS, type PreludeCostResult } from './prelude-cost.bench';
import type { TranslateResult } from './translate.bench';

const f = (x: number, d = 2) => x.toFixed(d);
const spread = (m: Measurement, d = 2) =>
  `${f(m.median, d)} ms (min ${f(m.min, d)}, p90 ${f(m.p90, d)}, max ${f(m.max, d)}, n=${m.n})`;
const kB = (bytes: number) => `${f(bytes / 1000, 1)} kB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

const gbps = (r: DownloadResult, m: Measurement) => r.bytes / (m.median * 1e6);

export function download(r: DownloadResult): string {
  const mib = r.bytes / 2 ** 20;
  return [
    `## Download: ${mib} MiB output from the daemon (CPU backend)`,
    '',
    `How fast a ${mib} MiB storage output reaches a caller of \`daemon-client/\` from a daemon in its own process`,
    `(\`duet daemon\`, as \`npm start\` runs it), beside a raw loopback TCP socket moving ${mib} MiB from another`,
    'process to the bench process, interleaved run by run.',
    '- **HTTP leg**: the client’s round trip minus the daemon-reported `daemonMs`, which ends when the daemon starts',
    '  forwarding the result: for a result this large, as soon as the executor’s result header is in (the daemon',
    '  forwards the outputs while they arrive), so the leg is the outputs crossing the executor’s stdio and loopback',
    '  HTTP together, and the client decoding its frames.',
    '- **Delivery**: from the client receiving the last `running` phase to `submitRun` resolving, minus that',
    '  last kernel sample: executor → daemon stdio, daemon → client HTTP, decoding (kernel time excluded).',
    '- **Raw socket**: `node:net` connect, the server `end()`s one 256 MiB buffer, the client counts and drops',
    '  the chunks: the socket’s own rate, the baseline of the issue’s target. **Raw socket + copy**: the same,',
    '  the client copying every chunk into a freshly allocated 256 MiB buffer (the least a receiver of node’s',
    '  chunks that hands back one array does; fresh memory costs page faults). **Raw socket, in place**: the same',
    '  socket read with `onread` straight into a freshly allocated buffer (the ceiling of an in-place receiver).',
    '  GB/s = 10⁹ bytes/s.',
    ...(r.chunked
      ? [
          '- **One array / chunks**: `submitRun` hands each output over as one array of its own (what the CLI, which ' +
            'compares and saves outputs, gets); `submitRunChunked` hands outputs over as the chunks they arrived in ' +
            '(what the web server, which only forwards them to the page, uses). Both measured in every round. ' +
            (r.chunkedThenCopy
              ? 'A large output reaches `submitRun` read in place (`daemon-client/direct-response.ts`: the socket reads land in ' +
                'the output’s array); its baseline, **chunks + copy**, is the chunked call followed by copying its ' +
                'chunks into one fresh array, what `submitRun` did through node:http.'
              : ''),
        ]
      : []),
    '',
    '| path | median time (spread) | GB/s | × raw socket rate |',
    '|---|---|---|---|',
    ...(r.chunked
      ? [
          `| HTTP leg (daemon → client), outputs as chunks (web server) | ${spread(r.chunked.httpLeg, 0)} | ${f(gbps(r, r.chunked.httpLeg))} | ${f(r.chunked.ratioHttpToRaw)} |`,
          `| delivery (executor → client), outputs as chunks (web server) | ${spread(r.chunked.delivery, 0)} | ${f(gbps(r, r.chunked.delivery))} | ${f(r.chunked.ratioDeliveryToRaw)} |`,
        ]
      : []),
    `| HTTP leg (daemon → client)${r.chunked ? ', outputs as one array (CLI)' : ''} | ${spread(r.httpLeg, 0)} | ${f(r.httpLegGBps)} | ${f(r.ratioHttpToRaw)} |`,
    `| delivery (executor → client)${r.chunked ? ', outputs as one array (CLI)' : ''} | ${spread(r.delivery, 0)} | ${f(r.deliveryGBps)} | ${f(r.ratioDeliveryToRaw)} |`,
    ...(r.chunkedThenCopy
      ? [
          `| HTTP leg, chunks + copy into one array (the node:http baseline) | ${spread(r.chunkedThenCopy.httpLeg, 0)} | ${f(gbps(r, r.chunkedThenCopy.httpLeg))} | ${f(r.chunkedThenCopy.ratioHttpToRaw)} |`,
        ]
      : []),
    `| raw loopback TCP socket | ${spread(r.raw, 0)} | ${f(r.rawGBps)} | 1.00 |`,
    `| raw socket + copy into fresh buffer | ${spread(r.rawCopy, 0)} | ${f(r.rawCopyGBps)} | ${f(r.raw.median / r.rawCopy.median)} |`,
    ...(r.rawInPlace
      ? [
          `| raw socket read in place into a fresh buffer | ${spread(r.rawInPlace, 0)} | ${f(gbps(r, r.rawInPlace))} | ${f(r.raw.median / r.rawInPlace.median)} |`,
        ]
      : []),
    '',
    (r.chunked
      ? `Issue target: download ≥ 0.5 × the raw socket rate — outputs as chunks (the web server): HTTP leg ${verdict(r.chunked.ratioHttpToRaw >= 0.5)} ` +
        `(${f(r.chunked.ratioHttpToRaw)}), whole delivery ${verdict(r.chunked.ratioDeliveryToRaw >= 0.5)} (${f(r.chunked.ratioDeliveryToRaw)}). ` +
        'Outputs as one array (the CLI): '
      : 'Issue target: download ≥ 0.5 × the raw socket rate — ') +
      `HTTP leg ${verdict(r.ratioHttpToRaw >= 0.5)} ` +
      `(${f(r.ratioHttpToRaw)}), whole delivery ${verdict(r.ratioDeliveryToRaw >= 0.5)} (${f(r.ratioDeliveryToRaw)}). ` +
      (r.chunkedThenCopy && r.rawInPlace
        ? `Read in place, the one-array leg is ${f(r.chunkedThenCopy.httpLeg.median / r.httpLeg.median)} × as fast as ` +
          `the node:http baseline (chunks + copy) in the same run; the raw socket read in place into fresh memory, ` +
          `its ceiling, runs at ${f(r.raw.median / r.rawInPlace.median)} × the raw rate.`
        : `Against raw socket + copy, the HTTP leg reaches ${f(r.ratioHttpToRawCopy)} × its rate: writing into fresh ` +
          `memory (page faults) caps any receiver that hands back one array at ${f(r.raw.median / r.rawCopy.median)} × ` +
          `the raw rate on this machine${r.raw.median / r.rawCopy.median < 0.5 ? ', below the target itself' : ''}.`),
    '',
    'Where the delivery goes: the daemon forwards the executor’s output while it arrives, as its stdio’s chunks (no ' +
      'copy of its own), and the CPU executor reuses its buffers between runs. Beyond the raw socket’s work, the ' +
      'bytes cross the executor’s stdio (a UNIX socket pair): two more copies (into it, out of it into fresh buffers on the daemon’s ' +
      'side) beside the socket’s two, twice the raw socket’s copying. The two sockets overlap, so with a ' +
      'core for each of the executor, the daemon and the client the stdio’s copies hide behind the loopback socket’s; on a ' +
      'two-core machine the three processes take turns, which puts the whole delivery near half the raw rate at ' +
      'best, whatever the daemon does. ' +
      (r.chunkedThenCopy
        ? '`submitRun` reads a large output in place, so neither client call copies the bytes after the socket.'
        : 'For `submitRun` add the client’s one copy into the array it hands back (the cost the “+ copy” row shows); ' +
          '`submitRunChunked` skips that copy.'),
    `For context: whole round trip ${spread(r.roundTrip, 0)}; kernel per execution ${spread(r.kernel, 0)}.`,
    '',
  ].join('\n');
}

export function translate(r: TranslateResult): string {
  const row = (name: string, m: Measurement) => `| ${name} | ${f(m.median)} | ${f(m.p90)} | ${f(m.max)} |`;
  return [
    '## Translator time per kernel',
    '',
    `\`translate()\` on each of ${r.kernels} kernels (compiler/corpus/*.wgsl and every preset): per kernel the`,
    `median of ${r.repeats} repeats after warm-up, interleaved with parsing the same source with wgsl_reflect’s`,
    '`WgslParser` (the baseline: parsing alone, no types, no code). Distribution over kernels, in ms:',
    '',
    '| figure | median | p90 | max |',
    '|---|---|---|---|',
    row('translate → CUDA', r.cuda),
    row('translate → CPU', r.cpu),
    row('parse alone (wgsl_reflect)', r.parse),
    '',
    `translate (CUDA) = **${f(r.ratioMedian)} × parse** (median over kernels of the per-kernel ratio; p90 ` +
      `${f(r.ratioP90)}×). Issue target: under 10 ms median per kernel — ${verdict(r.cuda.median < 10)}.` +
      (r.parseFailures.length ? ` wgsl_reflect could not parse: ${r.parseFailures.join(', ')}.` : ''),
    '',
    'Slowest 5 kernels (CUDA target):',
    '',
    '| kernel | WGSL bytes | → CUDA ms | → CPU ms | parse ms | × parse |',
    '|---|---|---|---|---|---|',
    ...r.worst.map(
      (k) =>
        `| ${k.kernel} | ${k.bytes} | ${f(k.cudaMs)} | ${f(k.cpuMs)} | ${k.parseMs === null ? '—' : f(k.parseMs)} | ${k.ratio === null ? '—' : f(k.ratio)} |`,
    ),
    '',
  ].join('\n');
}

export function cpuBackend(r: CpuBackendResult): string {
  const threads = r.threads === null ? 'its thread pool' : `${r.threads} threads`;
  const t = (x: Throughput, unit: string) => `${spread(x.ms)}, ${f(x.rate)} ${unit}`;
  const rows = r.presets.flatMap((p) => [
    `| **${p.preset}** (executor) | ${t(p.executor, p.unit)} | ${t(p.executorOneThread, p.unit)} | ${f(p.speedup)} | ${f(p.ratio)} × the faster baseline below (target ${f(p.target, 1)}: ${verdict(p.ratio >= p.target)}); fastest samples ${f(p.ratioFastest)} × |`,
    ...p.baselines.map(
      (b) =>
        `| ${b.name} | ${t(b.allThreads, p.unit)} | ${t(b.oneThread, p.unit)} | ${f(b.allThreads.rate / b.oneThread.rate)} | baseline |`,
    ),
  ]);
  return [
    '## CPU backend throughput',
    '',
    'Kernel time per execution as the executor times it (`timings.kernel.samples`, steady clock, restores',
    `outside), on its default pool (${threads}) and on one thread (\`--threads 1\`), beside native loops compiled`,
    `in the same run with \`g++ ${r.flags.join(' ')}\` (bench/cpu-baseline.c; the loop-distribution flag keeps`,
    `the copy loop from becoming a memcpy call) on one thread and on ${r.baselineThreads}, interleaved round by round.`,
    'Rates: bytes read + written ÷ median time (GB/s), or 2·M·N·K ÷ median time (GFLOP/s, M = N = K = 256).',
    'Speedup = all cores ÷ one thread. Ratio = the executor on all cores ÷ the faster of the first baseline’s',
    'one-thread and all-core runs.',
    '',
    '| work | all cores: time (spread), rate | one thread: time (spread), rate | speedup | ratio |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function compile(r: CompileResult): string {
  const med = (m: Measurement) => `${f(m.median)} (max ${f(m.max)})`;
  const medianHit = Math.max(...r.presets.map((p) => p.memory.median));
  const maxHit = Math.max(...r.presets.map((p) => p.memory.max));
  return [
    '## Compile times (CPU backend)',
    '',
    'The daemon-reported `timings.compile.ms` (translate + executor compile; `cacheHit` checked) for 3 presets:',
    '**cold** = fresh `DUET_CACHE_DIR` (translate + g++ + dlopen), **memory** = the same daemon again (both',
    'caches hit), **disk** = a restarted daemon on the same cache folder (translation read from the daemon’s disk cache + dlopen of the cached',
    `module). Baseline: plain \`g++\` with the executor’s flags on the same generated source. ${r.rounds} rounds,`,
    'each on a fresh cache folder; ms, median (max).',
    '',
    '| preset | cold | executor part of cold | g++ alone | executor ÷ g++ | memory hit | ÷ cold | disk hit | ÷ cold | translate in disk hit | cacheHit as expected |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.presets.map(
      (p) =>
        `| ${p.preset} | ${med(p.cold)} | ${med(p.coldExecutor)} | ${med(p.gxx)} | ${f(p.ratioColdToGxx)} | ${med(p.memory)} | ${p.ratioMemoryToCold.toExponential(1)} | ${med(p.disk)} | ${p.ratioDiskToCold.toExponential(1)} | ${med(p.translateDisk)} | ${p.cacheHitsAsExpected ? 'yes' : '**no**'} |`,
    ),
    '',
    `Issue target: a cache hit under 1 ms — in memory ${verdict(medianHit < 1)} (worst per-preset median ` +
      `${f(medianHit)} ms; slowest single hit ${f(maxHit)} ms); on disk after a restart, executor part ` +
      `${verdict(Math.max(...r.presets.map((p) => p.disk.median - p.translateDisk.median)) < 1)}, translate included ` +
      `${verdict(Math.max(...r.presets.map((p) => p.disk.median)) < 1)}.`,
    '',
  ].join('\n');
}

export function bundle(r: BundleResult): string {
  const rows = (cs: Chunk[]) => cs.map((c) => `| ${c.file} | ${kB(c.bytes)} | ${kB(c.gzip)} |`);
  return [
    '## First-load JS of `/`',
    '',
    `Production build ${r.buildId}. The first-load set is what the browser must fetch before \`/\` hydrates: the`,
    'App Router bootstrap (`rootMainFiles` in .next/build-manifest.json: Next’s runtime, React, the Turbopack',
    'loader) plus the client chunks of the route’s layout and page (`entryJSFiles` for app/layout and',
    'app/page in .next/server/app/page_client-reference-manifest.js). Polyfills load only without ES module',
    'support. Loaded later: the chunks that `/`’s chunks name in their dynamic-import loaders (transitively);',
    'the editor chunks are those among them holding CodeMirror. Other routes’ chunks are not counted.',
    'gzip: node:zlib level 6, per file, summed; kB = 1000 bytes. ' +
      (r.htmlAgrees === null
        ? '(`/` is not prerendered, so the set was not cross-checked against its HTML.)'
        : r.htmlAgrees
          ? 'Cross-check: the prerendered HTML of `/` names exactly these chunks (+ the polyfills).'
          : '**Cross-check failed**: the prerendered HTML of `/` names other chunks than this set.'),
    '',
    `**First load: ${kB(r.firstLoadGzip)} gzip** = ${f(r.ratioToBootstrap)} × the bare App Router bootstrap ` +
      `(${kB(r.bootstrapGzip)}); ${f(r.ratioToTarget)} × the issue’s 300 kB target — ${verdict(r.ratioToTarget < 1)}.`,
    `Editor (dynamic import, after first paint): ${kB(r.editorGzip)} gzip.`,
    ...(r.html
      ? [
          `HTML of \`/\` as served (before any script): ${kB(r.html.bytes)} raw, ${kB(r.html.gzip)} gzip; ` +
            `first load with it: ${kB(r.firstLoadGzip + r.html.gzip)} gzip.`,
        ]
      : []),
    '',
    '| first-load chunk | raw | gzip |',
    '|---|---|---|',
    ...rows(r.firstLoad),
    '',
    '| loaded later | raw | gzip |',
    '|---|---|---|',
    ...rows(r.editor).map((l) => l.replace('| static', '| editor: static')),
    ...rows(r.otherLazy).map((l) => l.replace('| static', '| other dynamic import of `/`: static')),
    ...rows(r.polyfills).map((l) => l.replace('| static', '| polyfills (nomodule only): static')),
    '',
  ].join('\n');
}

export function gpu(r: GpuResult): string {
  if (!r.exists) {
    return [
      '## GPU figures',
      '',
      `No GPU run exists yet (${r.path} is absent): every figure above is CPU-only.`,
      '',
    ].join('\n');
  }
  const link = r.path.replace(/^docs\//, '');
  if (!r.tables.length) {
    return ['## GPU figures', '', `No GPU figures yet. [${link}](${link}) says: “${r.summary}”`, ''].join(
      '\n',
    );
  }
  return [
    '## GPU figures',
    '',
    `Measured on a GPU machine and recorded in [${link}](${link}); quoted here as recorded there.`,
    '',
    ...r.tables.flatMap((t) => [t.heading ? `**${t.heading}**` : '', '', ...t.lines, '']),
  ].join('\n');
}

const delta = (x: number, y: number) => (x === y ? `${x}` : `${x} → ${y}`);

/** ptxas/PTX figures per preset, before → after. */
export function cudaCostTable(rows: CudaRow[]): string {
  const out = [
    '| preset | registers | spill stores / loads (bytes) | stack frame (bytes) | PTX instructions |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const { base: b, head: h } = r;
    const pct = b.ptxLines
      ? ` (${h.ptxLines >= b.ptxLines ? '+' : ''}${(((h.ptxLines - b.ptxLines) / b.ptxLines) * 100).toFixed(1)}%)`
      : '';
    out.push(
      `| ${r.preset} | ${delta(b.registers, h.registers)} | ${delta(b.spillStores, h.spillStores)} / ${delta(b.spillLoads, h.spillLoads)} | ${delta(b.stack, h.stack)} | ${delta(b.ptxLines, h.ptxLines)}${pct} |`,
    );
  }
  return out.join('\n');
}

/** One-thread CPU throughput, before and after, as ratios. */
export function cpuCostTable(rows: CpuRow[]): string {
  const rate = (r: CpuRow, ms: number) => `${f(r.work / (ms * 1e6))} ${r.unit}`;
  const out = [
    '| preset (one thread) | before: median ms (rate) | after: median ms (rate) | after ÷ before throughput (median of pairs) | same, fastest samples |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows)
    out.push(
      `| ${r.preset} ${JSON.stringify(r.params).replace(/"/g, '')} | ${f(r.base.median)} (${rate(r, r.base.median)}) | ${f(r.head.median)} (${rate(r, r.head.median)}) | ${f(r.ratio, 3)} | ${f(r.ratioFastest, 3)} |`,
    );
  return out.join('\n');
}

export function preludeCost(r: PreludeCostResult): string {
  const verdict = (rows: CpuRow[]) => (rows.every((x) => x.ratio >= 0.95) ? 'met' : '**not met**');
  const aa = r.cpuAA.map((x) => `${x.preset} ${f(x.ratio, 3)}`).join(', ');
  return [
    '## Cost of wall 2: prelude containers that bound their own accesses',
    '',
    `Measured ${r.date.slice(0, 10)} on ${r.machine}. Before: the translator of \`${r.base.ref}\` (${r.base.commit});`,
    `after: the ${r.head}. Every array, runtime-sized array, vector and matrix access clamps to its own size in the`,
    'preludes, and the translator emits no clamp of its own (`bench/prelude-cost.bench.ts`; `scripts/prelude-cost.ts`',
    'is its command-line form).',
    '',
    '### CPU backend',
    '',
    'Both builds made as the executor makes modules (its g++ flags then and now: after adds',
    `\`${JCC_FLAGS.join(' ')}\` on x86-64, which the executor passes since wall 2; \`-shared\`, dlopen), loaded into one`,
    'process and timed on one thread over the whole dispatch, before and after alternating sample by sample (which',
    'runs first alternates too, and which one’s buffers are allocated first alternates by round).',
    '',
    cpuCostTable(r.cpu),
    '',
    `Before against itself with the same method (A/A: the noise on this shared machine): ${aa}.`,
    `Target: within 5% of before — ${verdict(r.cpu)} by the medians of pairs.`,
    '',
    ...(r.cpuJcc?.length
      ? [
          `The same, both builds assembled with \`${JCC_FLAGS.join(' ')}\`. On Intel cores with the`,
          'jump-conditional-code erratum, a branch that crosses or ends on a 32-byte boundary is slow, so two builds of',
          'the same loop can differ by about 10% through code placement alone. With this flag the assembler pads such',
          'branches, which takes placement out of the comparison:',
          '',
          cpuCostTable(r.cpuJcc),
          '',
          `Target with placement taken out: ${verdict(r.cpuJcc)}.`,
          '',
        ]
      : []),
    '### CUDA (no GPU here: compiler figures)',
    '',
    r.nvcc
      ? `\`nvcc -cubin -arch=sm_90 -Xptxas -v\` (largest register count and summed spills over the module's kernels) and instruction lines of \`nvcc -ptx -arch=sm_90\`, ${r.nvcc}. The added PTX is mostly each thread's one-time prologue: sizing each binding's view and checking that it fits. Loops carry one min per runtime-sized access, as before:`
      : 'nvcc is not installed on this machine: no CUDA figures.',
    '',
    r.nvcc ? cudaCostTable(r.cuda) : '',
    '',
  ].join('\n');
}
