/**
 * `npm run bench`: runs every benchmark the project has, in one process on one machine, and writes
 * bench/results/<date>-<host>.json and docs/performance.md. Each figure sits beside its baseline from
 * the same run, as a ratio. `npm run bench -- overhead translate` runs a subset: its entries replace
 * those of the same names in today’s record for this host (or else its latest), so the report keeps the other figures
 * (each entry says when it was measured).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBundle } from './bundle.bench';
import { benchCompile } from './compile.bench';
import { benchCpuBackend } from './cpu-backend.bench';
import { benchCudaQuality } from './cuda-quality.bench';
import { benchDownload } from './download.bench';
import { benchGpu } from './gpu.bench';
import { benchLoads } from './load';
import { type MachineInfo, machineInfo } from './machine';
import { benchOverhead } from './overhead.bench';
import { benchPreludeCost } from './prelude-cost.bench';
import { renderReport } from './report';
import { sectionNotes } from './section-notes';
import { benchTranslate } from './translate.bench';
import { benchWorkshopLoad } from './workshop-load';

export interface BenchEntry {
  name: string;
  /** When this entry was measured (ISO time). */
  date?: string;
  /** Where, when that was not the record's machine (entries merged from an earlier record). */
  machine?: MachineInfo;
  result: unknown;
  error?: string;
}

const benches: Record<string, () => Promise<unknown>> = {
  overhead: () => benchOverhead(),
  load: () => benchLoads(),
  workshop: () => benchWorkshopLoad(),
  download: () => benchDownload(),
  translate: () => benchTranslate(),
  'cpu-backend': () => benchCpuBackend(),
  compile: () => benchCompile(),
  bundle: () => benchBundle(),
  gpu: () => benchGpu(),
  'prelude-cost': () => benchPreludeCost(),
  'cuda-quality': () => benchCudaQuality(),
};

const only = process.argv.slice(2);
const started = new Date();
const entries: BenchEntry[] = [];
for (const [name, fn] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  try {
    entries.push({ name, date: new Date().toISOString(), result: await fn() });
  } catch (e) {
    entries.push({ name, date: new Date().toISOString(), result: null, error: (e as Error).message });
    process.stderr.write(`bench: ${name} failed: ${(e as Error).message}\n`);
  }
}
const machine = machineInfo();
const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `${started.toISOString().slice(0, 10)}-${machine.host}.json`);
let merged = entries;
// A subset run merges into today's record for this host, or else into its latest one (each entry keeps
// its own date), so docs/performance.md keeps the other sections.
const latest = readdirSync(join(root, 'bench/results'))
  .filter((f) => f.endsWith(`-${machine.host}.json`) && /^\d{4}-\d{2}-\d{2}-/.test(f))
  .sort()
  .pop();
const mergeFrom = existsSync(file) ? file : latest ? join(root, 'bench/results', latest) : null;
if (only.length && mergeFrom) {
  const previous = JSON.parse(readFileSync(mergeFrom, 'utf8')) as {
    machine: MachineInfo;
    entries: BenchEntry[];
  };
  const fresh = new Set(entries.map((e) => e.name));
  const order = Object.keys(benches);
  // Entries kept from an earlier record keep the machine they were measured on.
  const kept = previous.entries
    .filter((e) => !fresh.has(e.name))
    .map((e) => ({ machine: previous.machine, ...e }));
  merged = [...kept, ...entries].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}
const record = { date: started.toISOString(), machine, entries: merged };
writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
writeFileSync(
  join(root, 'docs/performance.md'),
  renderReport(record, sectionNotes(join(root, 'bench/notes'))),
);
process.stderr.write(`bench: wrote ${file} and docs/performance.md\n`);
process.exit(entries.some((e) => e.error) ? 1 : 0);
