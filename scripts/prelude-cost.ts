/**
 * Command-line form of bench/prelude-cost.bench.ts: what a translator or prelude change costs against a
 * git revision, as Markdown tables (and JSON with --json FILE).
 *
 *   npx tsx scripts/prelude-cost.ts cuda [--base REF] [--head REF2] [--only id,id]
 *   npx tsx scripts/prelude-cost.ts cpu  [--base REF] [--head REF2] [--only id,id] [--rounds 4] [--samples 10] [--jcc]
 *
 * --jcc assembles both builds with -Wa,-mbranches-within-32B-boundaries (Intel's JCC erratum: code placement
 * alone can move a loop by ~10%).
 *
 * The head side is the working tree unless --head names a revision (`--head REF` with the base's REF is an
 * A/A check of the method). `npm run bench -- prelude-cost` records the same in docs/performance.md.
 */
import { writeFileSync } from 'node:fs';
import {
  currentTranslator,
  JCC_FLAGS,
  measureCpu,
  measureCuda,
  translatorAt,
} from '../bench/prelude-cost.bench';
import { cpuCostTable, cudaCostTable } from '../bench/sections';

const args = process.argv.slice(2);
const mode = args[0];
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const baseRef = opt('--base', 'HEAD');
const only = opt('--only', '') ? opt('--only', '').split(',') : [];
if (mode !== 'cuda' && mode !== 'cpu') {
  console.error(
    'usage: npx tsx scripts/prelude-cost.ts cuda|cpu [--base REF] [--head REF2] [--only id,id] [--rounds N] [--samples N] [--json FILE]',
  );
  process.exit(2);
}
const base = await translatorAt(baseRef);
const head = opt('--head', '') ? await translatorAt(opt('--head', '')) : await currentTranslator();
let result: unknown;
if (mode === 'cuda') {
  const rows = measureCuda(base, head, only);
  console.log(cudaCostTable(rows));
  result = rows;
} else {
  const jcc = args.includes('--jcc') ? JCC_FLAGS : [];
  const rows = measureCpu(
    base,
    head,
    Number(opt('--rounds', '4')),
    Number(opt('--samples', '10')),
    only,
    jcc,
  );
  console.log(cpuCostTable(rows));
  result = rows;
}
const json = opt('--json', '');
if (json)
  writeFileSync(
    json,
    `${JSON.stringify({ base: baseRef, date: new Date().toISOString(), result }, null, 2)}\n`,
  );
