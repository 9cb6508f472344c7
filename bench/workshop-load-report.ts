/** docs/performance.md's section for `npm run bench -- workshop` (bench/workshop-load.ts). */
import type { WorkshopLoadResult } from './workshop-load';

const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

export function workshop(r: WorkshopLoadResult): string {
  const o = r.options;
  const b = r.boardUpdateMs;
  return [
    '## Workshop room under a class (web server + one CPU daemon)',
    '',
    `\`bench/workshop-load.ts\`: ${o.students} students, each an HTTP client with its own cookie, join a room`,
    `(\`workshop.join\`) and submit ${o.submissionsEach} times (\`workshop.submit\`, read to the verdict and checked: every other`,
    `one wrong; think time ${o.thinkMs[0]}–${o.thinkMs[1]} ms) through the production web server to one CPU-emulation`,
    "daemon, while the teacher's board is read as the page reads it (the streamed `workshop.board` query over",
    "tRPC's httpBatchStreamLink). Board update latency: a verdict reaching its student → the first board state",
    "counting that attempt (0 when the board showed it first). Jain's index is over each student's service rate",
    '(submissions / seconds spent waiting for them).',
    '',
    '| students | submissions | errors | board p50 ms | board p95 ms | board max ms | board states | Jain | wall s |',
    '|---|---|---|---|---|---|---|---|---|',
    `| ${o.students} | ${r.submissions} | ${r.errors} | ${b.p50} | ${b.p95} | ${b.max} | ${r.boardStates} | ${r.jain.toFixed(3)} | ${r.wallS} |`,
    '',
    ...(r.firstErrors.length
      ? [`First errors: ${r.firstErrors.map((e) => `\`${e}\``).join('; ')}.`, '']
      : []),
    `Issue target (40 students, 0 errors, board p95 < 1 s, Jain ≥ 0.9): errors ${verdict(r.errors === 0)}, ` +
      `board p95 ${verdict(b.p95 < 1000)} (${b.p95} ms), fairness ${verdict(r.jain >= 0.9)} (${r.jain.toFixed(3)}).`,
    '',
  ].join('\n');
}
