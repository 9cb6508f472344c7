/**
 * `npm run bench -- workshop`: the workshop's load target (docs/workshop.md "Load"): 40 students
 * submitting through one CPU daemon with the teacher's board open, through the real stack
 * (testkit/stack.ts: the production web server and a CPU daemon process). Each student is an HTTP
 * client with its own cookie jar: it joins through tRPC (`workshop.join` sets the cookie) and
 * submits with `workshop.submit`, read to its verdict; the teacher's board is the streamed
 * `workshop.board` query read as the page reads it (app/trpc/links.ts: tRPC's httpBatchStreamLink).
 *
 * Figures: errors (any failed join, submission or board stream), the board's update latency (a
 * verdict reaching its student → the first board state counting that attempt; 0 when the board
 * showed it first) and Jain's fairness index over the students' service rates (submissions / seconds
 * waited for them; bench/load.ts defines it).
 *
 *   npm run bench -- workshop                                   into docs/performance.md
 *   npx tsx bench/workshop-load.ts [--students N] [--submissions K]   prints the result as JSON
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTRPCClient } from '@trpc/client';
import { appLinks } from '../app/trpc/links';
import { mulberry32 } from '../core/generators';
import type { AppRouter } from '../server/router';
import { STUDENT_COOKIE } from '../server/workshop/cookie-name';
import { getPreset } from '../shaders/index';
import { startStack } from '../testkit/stack';
import { jainIndex } from './load';

export interface WorkshopLoadOptions {
  students: number;
  submissionsEach: number;
  /** Each student's pause before each submission (uniform), in ms. */
  thinkMs: [number, number];
}

export const WORKSHOP_LOAD: WorkshopLoadOptions = { students: 40, submissionsEach: 5, thinkMs: [200, 1000] };

export interface WorkshopLoadResult {
  options: WorkshopLoadOptions;
  submissions: number;
  errors: number;
  firstErrors: string[];
  wallS: number;
  /** Board update latency: verdict at the student → a board state counting it, in ms. */
  boardUpdateMs: { p50: number; p95: number; max: number; n: number };
  /** Board states the stream delivered. */
  boardStates: number;
  jain: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/**
 * A browser's tRPC client: the page's links, with a cookie jar of one cookie (the student's, once
 * `workshop.join` has set it), sent with every call.
 */
function browser(baseURL: string) {
  let cookie: string | null = null;
  const keepCookie: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${STUDENT_COOKIE}=`));
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
  return createTRPCClient<AppRouter>({
    links: appLinks(`${baseURL}/api/trpc`, {
      headers: (): Record<string, string> => (cookie ? { cookie } : {}),
      fetch: keepCookie,
    }),
  });
}

export async function benchWorkshopLoad(
  opts: Partial<WorkshopLoadOptions> = {},
): Promise<WorkshopLoadResult> {
  const o = { ...WORKSHOP_LOAD, ...opts };
  // The web server's SQLite database, fresh for this run.
  process.env.DUET_DATA_DIR = mkdtempSync(join(tmpdir(), 'duet-wsload-'));
  const stack = await startStack({
    daemons: [{ limits: { maxQueueLength: o.students * 4, maxRunsPerClientPerMinute: 1_000_000 } }],
    build: true,
    echo: 'stderr',
  });
  const board = new AbortController();
  try {
    const teacher = browser(stack.baseURL);
    const { code, teacherSecret } = await teacher.workshop.create.mutate({
      lesson: { shipped: 'matmul-tiling' },
      daemon: 0,
      runsPerStudent: 1000,
    });
    const right = getPreset('matmul-naive')!.wgsl;
    // A kernel the check refuses (its first mismatch): the check runs the same kernels either way.
    const wrong = right.replace('= sum;', '= sum * 2.0;');
    if (wrong === right) throw new Error('matmul-naive changed: no `= sum;` to break');
    const next = mulberry32(7);
    const random = () => next() / 4294967296;

    // Per student name: when each verdict arrived, and how many attempts the board has shown.
    const verdictAt = new Map<string, number[]>();
    const shown = new Map<string, number>();
    const latencies: number[] = [];
    const errors: string[] = [];
    let boardStates = 0;

    const watch = (async () => {
      // The page asks again when a stream ends (BOARD_STREAM_MS); so does this.
      while (!board.signal.aborted) {
        try {
          const states = await teacher.workshop.board.query(
            { code, secret: teacherSecret },
            { signal: board.signal },
          );
          for await (const state of states) {
            const now = performance.now();
            boardStates++;
            for (const s of state.students) {
              const attempts = s.progress[0]?.attempts ?? 0;
              const before = shown.get(s.name) ?? 0;
              const times = verdictAt.get(s.name) ?? [];
              for (let k = before; k < Math.min(attempts, times.length); k++) latencies.push(now - times[k]!);
              // Attempts shown before their verdicts arrived are counted (as 0) when those arrive.
              if (attempts > before) shown.set(s.name, attempts);
            }
          }
        } catch (e) {
          if (!board.signal.aborted) errors.push(`board: ${(e as Error).message}`);
        }
      }
    })();

    const rates: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: o.students }, async (_, i) => {
        const name = `Student ${i}`;
        verdictAt.set(name, []);
        const me = browser(stack.baseURL);
        try {
          await me.workshop.join.mutate({ code, name });
        } catch (e) {
          errors.push(`${name} join: ${(e as Error).message}`);
          return;
        }
        let waited = 0;
        let done = 0;
        for (let k = 0; k < o.submissionsEach; k++) {
          await new Promise((r) => setTimeout(r, o.thinkMs[0] + random() * (o.thinkMs[1] - o.thinkMs[0])));
          const t0 = performance.now();
          try {
            // Every other submission is wrong; a verdict other than the expected one is an error.
            const pass = k % 2 === 1;
            let verdict: boolean | null = null;
            for await (const u of await me.workshop.submit.mutate({
              code,
              step: 0,
              wgsl: pass ? right : wrong,
            }))
              if (u.type === 'verdict') verdict = u.pass;
            if (verdict === null) throw new Error('the check ended without a verdict');
            if (verdict !== pass)
              throw new Error(`a ${pass ? 'right' : 'wrong'} kernel got pass = ${verdict}`);
            const now = performance.now();
            const times = verdictAt.get(name)!;
            times.push(now);
            if ((shown.get(name) ?? 0) >= times.length) latencies.push(0);
            done++;
          } catch (e) {
            errors.push(`${name}: ${(e as Error).message}`);
          }
          waited += (performance.now() - t0) / 1000;
        }
        rates.push(done / waited);
      }),
    );
    const wallS = (performance.now() - started) / 1000;
    // Let the board show the last verdicts (it redraws at each change, else every 2 s).
    const submissions = [...verdictAt.values()].reduce((n, t) => n + t.length, 0);
    const until = performance.now() + 5000;
    while (latencies.length < submissions && performance.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    board.abort();
    await watch;
    const sorted = latencies.sort((a, b) => a - b);
    return {
      options: o,
      submissions,
      errors: errors.length + (submissions - latencies.length),
      firstErrors: [
        ...errors.slice(0, 3),
        ...(latencies.length < submissions
          ? [`${submissions - latencies.length} verdicts never shown on the board within 5 s`]
          : []),
      ],
      wallS: Math.round(wallS * 10) / 10,
      boardUpdateMs: {
        p50: Math.round(pct(sorted, 0.5)),
        p95: Math.round(pct(sorted, 0.95)),
        max: Math.round(sorted.at(-1) ?? 0),
        n: sorted.length,
      },
      boardStates,
      jain: Math.round(jainIndex(rates) * 1000) / 1000,
    };
  } finally {
    board.abort();
    await stack.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const students = arg('students');
  const submissionsEach = arg('submissions');
  const r = await benchWorkshopLoad({
    ...(students ? { students } : {}),
    ...(submissionsEach ? { submissionsEach } : {}),
  });
  console.log(JSON.stringify(r, null, 2));
}
