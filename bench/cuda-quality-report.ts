/** The docs/performance.md section of bench/cuda-quality.bench.ts (issue 25). */
import type { CudaQualityResult, KernelQuality, QualityRow } from './cuda-quality.bench';
import { timeTable } from './cuda-timing';

const side = (k: KernelQuality) => {
  const loop = k.ptx.hotLoop;
  return [
    `${k.registers}`,
    `${k.spillStores} / ${k.spillLoads}`,
    `${k.stack}`,
    `${k.sharedBytes}`,
    `${k.ptx.instructions}`,
    loop ? `${loop.instructions} (depth ${loop.depth})` : 'none',
  ];
};

const row = (r: QualityRow) =>
  [
    `| ${r.preset} | generated | ${side(r.generated).join(' | ')} | ${r.ratios.registers.toFixed(2)} | ${r.ratios.instructions.toFixed(2)} (${r.compared}) |`,
    `| | hand-written | ${side(r.handWritten).join(' | ')} | | |`,
  ].join('\n');

/** The time ratios: a table when any was measured, else the one reason (or each row's). */
function timeLines(r: CudaQualityResult): string[] {
  const times = r.rows.map((x) => [x.preset, x.time ?? { notMeasured: r.timing ?? 'not measured' }] as const);
  const why = new Set(times.map(([, t]) => ('notMeasured' in t ? t.notMeasured : '')));
  if (why.size === 1 && !why.has(''))
    return [`Time ratio (goal ≥ 0.9 × hand-written): not measured (${[...why][0]}).`];
  return ['Time on a CUDA device, the same buffers (bench/cuda-timing.ts):', '', ...timeTable(times)];
}

export function cudaQuality(r: CudaQualityResult): string {
  const spills = r.rows.filter((x) => x.generated.spillStores + x.generated.spillLoads > 0);
  const over = r.rows.filter((x) => x.ratios.registers > 1.25);
  return [
    '## Code quality of the emitted CUDA (no GPU: compiler figures)',
    '',
    `Measured ${r.date.slice(0, 10)}. Each preset's generated kernel beside a hand-written one doing the same work`,
    `(\`bench/cuda-handwritten/\`), both compiled by nvcc ${r.nvcc.replace(/^release /, '')} with the executor's flags \`${r.flags.join(' ')}\`:`,
    'ptxas registers, spill bytes, stack frame and shared memory (`-Xptxas -v`), and PTX instructions of the kernel',
    'and of its hot loop: the innermost of the most deeply nested natural loops of the control-flow graph, the',
    'largest on a tie (a loop nvcc unrolled fully is no loop). Instruction ratios compare hot loops when both',
    'kernels have one and the hand-written kernel has a loop, else whole kernels (the generated kernel also',
    'checks its bindings once and clears workgroup memory, which WGSL requires).',
    '',
    '| preset | kernel | registers | spill stores / loads (bytes) | stack (bytes) | shared (bytes) | PTX instructions | hot loop | registers ÷ hand | instructions ÷ hand |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.rows.map(row),
    '',
    `Goals: no spills — ${spills.length ? `**not met** (${spills.map((x) => x.preset).join(', ')})` : 'met'}; registers ≤ 1.25 × hand-written — ${over.length ? `**not met** (${over.map((x) => `${x.preset} ${x.ratios.registers.toFixed(2)}`).join(', ')})` : 'met'}.`,
    ...timeLines(r),
    '',
  ].join('\n');
}
