/**
 * Workshop load: 40 students submitting through one CPU daemon (a child process) with the teacher's
 * board open, through the workshop service itself (server/workshop/service.ts: store on SQLite,
 * checks on the daemon under each student's client id). Reports errors, the board's update latency
 * (a submission stored → a board state that counts it) and Jain's fairness index over the students'
 * service rates (submissions / seconds waited for them; bench/load.ts defines it).
 *
 *   npx tsx bench/workshop-load.ts [--students N] [--submissions K]   prints the result as JSON
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../core/generators';
import { openShareDb } from '../server/share/db';
import { WorkshopService } from '../server/workshop/service';
import { getPreset } from '../shaders/index';
import { startDaemonProcess } from '../testkit/daemon-process';
import { jainIndex } from './load';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const STUDENTS = arg('students', 40);
const SUBMISSIONS = arg('submissions', 5);
const THINK_MS: [number, number] = [200, 1000];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function main() {
  const daemon = await startDaemonProcess({ limits: { maxQueueLength: STUDENTS * 2 }, ready: true });
  process.env.DUET_DAEMONS = daemon.url;
  process.env.DUET_TOKEN = daemon.token;
  const share = await openShareDb({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'duet-wsload-')), 'w.db') });
  const svc = new WorkshopService(share.db);
  const { code, teacherSecret } = await svc.create({
    lesson: { shipped: 'matmul-tiling' },
    daemon: 0,
    runsPerStudent: 1000,
  });
  const right = getPreset('matmul-naive')!.wgsl;
  const next = mulberry32(7);
  const random = () => next() / 4294967296;

  // The board, as the router streams it: a state now, then at each change (or every poll).
  const stored: number[] = []; // when submission n (0-based, in store order) was stored
  const latencies: number[] = [];
  let counted = 0;
  let boardOpen = true;
  const board = (async () => {
    let room = await svc.store.teacherRoom(code, teacherSecret);
    while (boardOpen) {
      const state = await svc.board(room);
      const now = performance.now();
      const attempts = state.steps.reduce((n, s) => n + s.attempts, 0);
      for (; counted < attempts && counted < stored.length; counted++) latencies.push(now - stored[counted]!);
      await svc.nextChange(room.code, 2000);
      room = (await svc.store.room(room.code)) ?? room;
    }
  })();

  const errors: string[] = [];
  const rates: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: STUDENTS }, async (_, i) => {
      const { cookie } = await svc.join(code, `Student ${i}`);
      const { room, student } = await svc.student(code, cookie);
      let waited = 0;
      let done = 0;
      for (let k = 0; k < SUBMISSIONS; k++) {
        await new Promise((r) => setTimeout(r, THINK_MS[0] + random() * (THINK_MS[1] - THINK_MS[0])));
        const t0 = performance.now();
        try {
          // Every other submission is wrong: the check runs the same two kernels either way.
          await svc.submit(room, student, 0, k % 2 ? right : `${right}\n// attempt ${k}`);
          stored.push(performance.now());
          done++;
        } catch (e) {
          errors.push((e as Error).message);
        }
        waited += (performance.now() - t0) / 1000;
      }
      rates.push(done / waited);
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  // Let the board count the last submissions.
  await new Promise((r) => setTimeout(r, 2500));
  boardOpen = false;
  svc.changed(code);
  await board;
  await share.close();
  await daemon.stop();
  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        students: STUDENTS,
        submissionsEach: SUBMISSIONS,
        submissions: stored.length,
        errors: errors.length,
        firstErrors: errors.slice(0, 3),
        wallS: Math.round(wallS * 10) / 10,
        boardUpdateMs: {
          p50: Math.round(pct(sorted, 0.5)),
          p95: Math.round(pct(sorted, 0.95)),
          max: Math.round(sorted.at(-1) ?? 0),
          n: sorted.length,
        },
        jain: Math.round(jainIndex(rates) * 1000) / 1000,
      },
      null,
      2,
    ),
  );
}

await main();
