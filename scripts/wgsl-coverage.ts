/**
 * `npm run wgsl-coverage -- --dawn <git dir> [--set main|gen] [--sample N] [--textures] [--paths REGEX] [--nvcc] [--md FILE]`:
 * how much of Tint's compute corpus (Dawn's test/tint, read from a bare git copy; never copied into
 * this repository) the translator handles. Each file is translated for both targets; with --nvcc the
 * CUDA source is compiled with `nvcc -cubin -arch=sm_90` (2 at a time, results cached by content hash
 * under node_modules/.cache/duet-wgsl-coverage). Failures are grouped by the first diagnostic's class.
 * Files that use textures or samplers are also reported apart; `--textures` measures only them;
 * `--paths REGEX` only the files whose path matches (`--paths 'builtins/buffer(View|ArrayView|Length)/'`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { translate } from '../compiler/index';
import {
  type CorpusSet,
  failureClass,
  isComputeSource,
  isCorpusPath,
  nvccFailureClass,
  spreadSample,
  usesTextures,
} from './wgsl-coverage-corpus';

const run = promisify(execFile);
const NVCC = process.env.NVCC ?? '/usr/local/cuda/bin/nvcc';
const ARCH = 'sm_90';
const JOBS = 2;
const CACHE = join(process.cwd(), 'node_modules', '.cache', 'duet-wgsl-coverage');

interface Outcome {
  path: string;
  textures: boolean;
  /** undefined: passed this far. */
  failure?: string;
  stage?: 'translate' | 'nvcc';
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every blob of HEAD whose path passes `keep`, read in one `git cat-file --batch`. */
function readBlobs(gitDir: string, keep: (path: string) => boolean): { path: string; text: string }[] {
  const tree = execFileSync('git', ['-C', gitDir, 'ls-tree', '-r', 'HEAD', 'test/tint'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const entries = tree
    .split('\n')
    .map((l) => l.match(/^\d+ blob ([0-9a-f]+)\t(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null && keep(m[2]!))
    .map((m) => ({ sha: m[1]!, path: m[2]! }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const out = execFileSync('git', ['-C', gitDir, 'cat-file', '--batch'], {
    input: `${entries.map((e) => e.sha).join('\n')}\n`,
    maxBuffer: 1 << 30,
  });
  const files: { path: string; text: string }[] = [];
  let at = 0;
  for (const e of entries) {
    const nl = out.indexOf(10, at);
    const size = Number(out.subarray(at, nl).toString().split(' ')[2]);
    files.push({ path: e.path, text: out.subarray(nl + 1, nl + 1 + size).toString('utf8') });
    at = nl + 1 + size + 1;
  }
  return files;
}

/**
 * Translate for both targets. An override without a default gets 1 (true for bool), as a workload
 * supplies one: Chrome accepts such a module and asks for the value when the pipeline is created.
 */
function translateBoth(path: string, text: string): { failure?: string; cuda?: string } {
  let cuda: string | undefined;
  const overrides: Record<string, number> = {};
  for (const target of ['cuda', 'cpu'] as const) {
    for (;;) {
      const r = translate(text, { file: path, target, overrides });
      const message = r.ok ? '' : (r.diagnostics[0]?.message ?? 'no diagnostic');
      const missing = /^override '([^']+)' has no value/.exec(message)?.[1];
      if (missing && !(missing in overrides)) {
        overrides[missing] = 1;
        continue;
      }
      if (!r.ok) return { failure: failureClass(message) };
      if (target === 'cuda') cuda = r.code;
      break;
    }
  }
  return { cuda };
}

async function nvccCached(code: string, version: string): Promise<string | undefined> {
  const key = createHash('sha256').update(`${version}\n${ARCH}\n${code}`).digest('hex');
  const file = join(CACHE, `${key}.json`);
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { failure?: string }).failure;
  } catch {}
  const dir = join(CACHE, 'work', key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'k.cu'), code);
  let failure: string | undefined;
  try {
    await run(NVCC, ['-cubin', `-arch=${ARCH}`, '-o', join(dir, 'k.cubin'), join(dir, 'k.cu')], {
      maxBuffer: 1 << 24,
      timeout: 300_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    failure = nvccFailureClass(e.stderr || e.stdout || e.message);
  }
  execFileSync('rm', ['-rf', dir]);
  writeFileSync(file, JSON.stringify({ failure }));
  return failure;
}

async function pool<T>(items: T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function table(title: string, outcomes: Outcome[], nvcc: boolean): string[] {
  const n = outcomes.length;
  const translated = outcomes.filter((o) => o.stage !== 'translate').length;
  const compiled = outcomes.filter((o) => o.failure === undefined).length;
  const pct = (k: number) => (n === 0 ? '–' : `${((100 * k) / n).toFixed(1)}%`);
  const lines = [
    `**${title}**: ${n} files; translate (both targets): ${translated} (${pct(translated)})`,
    nvcc ? `; translate and compile with nvcc -arch=${ARCH}: ${compiled} (${pct(compiled)})` : '',
    '',
  ];
  return [lines.join('')];
}

function causes(outcomes: Outcome[]): string[] {
  const byClass = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (o.failure === undefined) continue;
    const list = byClass.get(o.failure) ?? [];
    list.push(o);
    byClass.set(o.failure, list);
  }
  const rows = [...byClass.entries()].sort((a, b) => b[1].length - a[1].length);
  return [
    '| files | of which use textures | stage | cause (first diagnostic) | example |',
    '|---:|---:|---|---|---|',
    ...rows.map(
      ([cls, list]) =>
        `| ${list.length} | ${list.filter((o) => o.textures).length} | ${list[0]!.stage} | ${cls.replace(/\|/g, '\\|')} | \`${list[0]!.path.replace(/^test\/tint\//, '')}\` |`,
    ),
  ];
}

async function main(): Promise<void> {
  const dawn = arg('dawn');
  if (!dawn)
    throw new Error(
      'usage: wgsl-coverage --dawn <Dawn git dir> [--set main|gen] [--sample N] [--textures] [--paths REGEX] [--nvcc] [--md FILE]',
    );
  const set = (arg('set') ?? 'main') as CorpusSet;
  if (set !== 'main' && set !== 'gen') throw new Error(`--set is main or gen, not '${set}'`);
  const sampleArg = arg('sample');
  const sample = sampleArg === undefined ? undefined : Number(sampleArg);
  const withNvcc = process.argv.includes('--nvcc');
  const commit = execFileSync('git', ['-C', dawn, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

  const onlyTextures = process.argv.includes('--textures');
  const paths = arg('paths');
  const pathRe = paths === undefined ? undefined : new RegExp(paths);
  const corpus = readBlobs(dawn, (p) => isCorpusPath(p, set) && (!pathRe || pathRe.test(p))).filter(
    (f) => isComputeSource(f.text) && (!onlyTextures || usesTextures(f.text)),
  );
  const chosen = spreadSample(corpus, sample);
  const outcomes: Outcome[] = [];
  const toCompile: { outcome: Outcome; cuda: string }[] = [];
  for (const f of chosen) {
    const outcome: Outcome = { path: f.path, textures: usesTextures(f.text) };
    const t = translateBoth(f.path, f.text);
    if (t.failure) Object.assign(outcome, { failure: t.failure, stage: 'translate' });
    else if (withNvcc) toCompile.push({ outcome, cuda: t.cuda! });
    outcomes.push(outcome);
  }
  if (withNvcc) {
    mkdirSync(CACHE, { recursive: true });
    const version = execFileSync(NVCC, ['--version'], { encoding: 'utf8' });
    let done = 0;
    await pool(toCompile, JOBS, async ({ outcome, cuda }) => {
      const failure = await nvccCached(cuda, version);
      if (failure) Object.assign(outcome, { failure, stage: 'nvcc' });
      if (++done % 50 === 0) process.stderr.write(`nvcc: ${done}/${toCompile.length}\n`);
    });
  }

  const what =
    set === 'main'
      ? '`test/tint/**/*.wgsl` outside `builtins/gen/`, not `*.expected.*`, with a `@compute` entry point and no `enable chromium_*`'
      : '`test/tint/builtins/gen/**/*.wgsl`, not `*.expected.*`, with a `@compute` entry point and no `enable chromium_*`';
  const md = [
    `Dawn ${commit}; ${what}: ${corpus.length} files; ${sample === undefined ? 'all of them' : `a spread sample of ${chosen.length} (every ${(corpus.length / chosen.length).toFixed(2)}-th in path order)`}.`,
    '',
    ...table('All files', outcomes, withNvcc),
    ...table(
      'Excluding files that use textures or samplers',
      outcomes.filter((o) => !o.textures),
      withNvcc,
    ),
    ...causes(outcomes),
    '',
  ].join('\n');
  process.stdout.write(md);
  const mdFile = arg('md');
  if (mdFile) writeFileSync(mdFile, md);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
