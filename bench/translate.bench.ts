/**
 * Translator time per kernel (compiler/index.ts `translate`, both targets) for every kernel of the test
 * corpus (compiler/corpus/*.wgsl) and every preset, beside parsing alone with wgsl_reflect's WgslParser
 * on the same source: per kernel the median of `n` interleaved repeats after `warmup` untimed ones.
 */
import { performance } from 'node:perf_hooks';
import type { WgslParser as Parser } from 'wgsl_reflect';
import { loadCorpus } from '../compiler/corpus/corpus';
import { translate } from '../compiler/index';
import type { Workload } from '../core/workload';
import { PRESETS, resolveLibraryPreset } from '../shaders/index';
import { type Measurement, summarise } from './measure';

export interface KernelTiming {
  kernel: string;
  bytes: number;
  cudaMs: number;
  cpuMs: number;
  /** null when wgsl_reflect cannot parse the source. */
  parseMs: number | null;
  /** cudaMs / parseMs */
  ratio: number | null;
}

export interface TranslateResult {
  kernels: number;
  repeats: number;
  /** Distribution over kernels of each kernel's median. */
  cuda: Measurement;
  cpu: Measurement;
  parse: Measurement;
  /** Median over kernels of cuda translate ÷ parse (kernels wgsl_reflect parses). */
  ratioMedian: number;
  ratioP90: number;
  parseFailures: string[];
  worst: KernelTiming[];
}

interface Source {
  kernel: string;
  workload: Workload;
}

/** The package's `main` is CommonJS inside a `"type": "module"` package, so Node loads its ESM build. */
async function loadParser(): Promise<new () => Parser> {
  const mod = (await import('wgsl_reflect/wgsl_reflect.module.js' as string)) as {
    WgslParser: new () => Parser;
  };
  return mod.WgslParser;
}

function sources(): Source[] {
  const corpus = loadCorpus()
    .filter((k) => !k.safety)
    .map((k) => ({ kernel: `corpus/${k.id}`, workload: k.workload }));
  const presets = PRESETS.map((p) => ({ kernel: `preset/${p.id}`, workload: resolveLibraryPreset(p.id) }));
  return [...corpus, ...presets];
}

function median(xs: number[]): number {
  return summarise(xs).median;
}

function timeKernel(WgslParser: new () => Parser, s: Source, n: number, warmup: number): KernelTiming {
  const w = s.workload;
  const entryPoints = [...new Set((w.passes ?? [{ entryPoint: w.entryPoint! }]).map((p) => p.entryPoint))];
  const run = (target: 'cuda' | 'cpu') => () => {
    const r = translate(w.wgsl, { file: `${w.name}.wgsl`, target, entryPoints, overrides: w.overrides });
    if (!r.ok) throw new Error(`${s.kernel}: ${r.diagnostics[0]?.message}`);
  };
  let parseOk = true;
  const parse = () => {
    if (!parseOk) return;
    try {
      new WgslParser().parse(w.wgsl);
    } catch {
      parseOk = false;
    }
  };
  const fns = [run('cuda'), run('cpu'), parse];
  const times: number[][] = [[], [], []];
  for (let i = 0; i < warmup + n; i++) {
    fns.forEach((f, k) => {
      const t0 = performance.now();
      f();
      if (i >= warmup) times[k]!.push(performance.now() - t0);
    });
  }
  const [cudaMs, cpuMs, p] = times.map(median) as [number, number, number];
  const parseMs = parseOk ? p : null;
  return {
    kernel: s.kernel,
    bytes: Buffer.byteLength(w.wgsl),
    cudaMs,
    cpuMs,
    parseMs,
    ratio: parseMs ? cudaMs / parseMs : null,
  };
}

export async function benchTranslate(n = 9, warmup = 3): Promise<TranslateResult> {
  const WgslParser = await loadParser();
  const all = sources().map((s) => timeKernel(WgslParser, s, n, warmup));
  const ratios = all.flatMap((k) => (k.ratio === null ? [] : [k.ratio]));
  const r = summarise(ratios, '×');
  return {
    kernels: all.length,
    repeats: n,
    cuda: summarise(all.map((k) => k.cudaMs)),
    cpu: summarise(all.map((k) => k.cpuMs)),
    parse: summarise(all.flatMap((k) => (k.parseMs === null ? [] : [k.parseMs]))),
    ratioMedian: r.median,
    ratioP90: r.p90,
    parseFailures: all.filter((k) => k.parseMs === null).map((k) => k.kernel),
    worst: [...all].sort((a, b) => b.cudaMs - a.cudaMs).slice(0, 5),
  };
}
