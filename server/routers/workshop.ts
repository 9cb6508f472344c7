/**
 * `workshop`: rooms for a class (docs/workshop.md, contracts §12). Students are known by their signed
 * cookie (set by `join`), never by a header they write: their runs go through `runs.submit` with the
 * daemon client id `workshop:<code>:<student>`, so the daemon's fair queue and rate limits count
 * students. The teacher's calls carry the room's secret from the teacher link. Room runs are never
 * saved as shares, so they stay out of /recent.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { describeRunEvent } from '../../core/progress';
import type { CheckVerdict } from '../../core/workshop/verdict';
import { serverEnv } from '../env';
import { DetailedError } from '../error-details';
import { eventStream, holdBack } from '../event-stream';
import { type Context, publicProcedure, router } from '../trpc';
import { WorkshopError, type WorkshopErrorKind } from '../workshop/errors';
import { workshopService } from '../workshop/instance';
import { SHIPPED_LESSONS } from '../workshop/lessons';
import { STUDENT_COOKIE } from '../workshop/secrets';
import { BOARD_POLL_MS, WorkshopService } from '../workshop/service';
import { QUIET_MS, runsRouter } from './runs';

/** A check's progress, as runs.submit words it (core/progress.ts). */
type CheckProgress = { type: 'progress'; text: string; queuePosition?: number };

/** A board stream ends after this long; the page asks again (a proxy may cut longer answers). */
export const BOARD_STREAM_MS = 10 * 60 * 1000;
/** The student cookie's lifetime: a workshop day and its evening. */
const COOKIE_MAX_AGE_S = 24 * 60 * 60;

const CODES: Record<WorkshopErrorKind, TRPCError['code']> = {
  'unknown-room': 'NOT_FOUND',
  closed: 'FORBIDDEN',
  'bad-name': 'BAD_REQUEST',
  'name-taken': 'CONFLICT',
  'not-teacher': 'UNAUTHORIZED',
  'not-student': 'UNAUTHORIZED',
  locked: 'FORBIDDEN',
  'no-step': 'BAD_REQUEST',
  quota: 'TOO_MANY_REQUESTS',
  'bad-lesson': 'BAD_REQUEST',
  daemon: 'SERVICE_UNAVAILABLE',
};

function asTrpc(e: unknown): unknown {
  if (!(e instanceof WorkshopError)) return e;
  return new TRPCError({
    code: CODES[e.kind],
    message: e.message,
    cause: new DetailedError(e.message, { kind: 'invalid' }),
  });
}

/** Runs `f`, its WorkshopError turned into the matching tRPC error. */
async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asTrpc(e);
  }
}

/** Cookies only over TLS when the server is published over TLS (a LAN room is often plain http). */
const secure = () => (serverEnv().DUET_PUBLIC_URL?.protocol === 'https:' ? '; Secure' : '');

const code = z.string().trim().min(1).max(32);
const teacher = z.object({ code, secret: z.string().min(1).max(128) });
const kernel = z.object({
  code,
  step: z.number().int().min(0).max(49),
  wgsl: z
    .string()
    .min(1)
    .max(256 * 1024),
});

async function asStudent(ctx: Context, roomCode: string) {
  const svc = await workshopService();
  return { svc, ...(await svc.student(roomCode, ctx.workshopCookie)) };
}

export const workshopRouter = router({
  lessons: publicProcedure.query(() =>
    Object.entries(SHIPPED_LESSONS).map(([id, l]) => ({
      id,
      title: l.title,
      summary: l.summary ?? '',
      steps: l.steps.length,
    })),
  ),

  create: publicProcedure
    .input(
      z.object({
        title: z.string().max(120).optional(),
        lesson: z.union([
          z.object({ shipped: z.string().max(64) }),
          z.object({ json: z.string().max(512 * 1024) }),
        ]),
        daemon: z.union([z.number().int().min(0), z.literal('auto')]),
        runsPerStudent: z.number().int().min(1).max(10_000),
      }),
    )
    .mutation(({ input, ctx }) =>
      guarded(async () => {
        const { code, teacherSecret } = await (await workshopService()).create(input, ctx.clientId);
        return {
          code,
          teacherSecret,
          joinPath: `/w/${code}`,
          boardPath: `/w/${code}/board#${teacherSecret}`,
        };
      }),
    ),

  join: publicProcedure.input(z.object({ code, name: z.string().max(200) })).mutation(({ input, ctx }) =>
    guarded(async () => {
      const { cookie, student } = await (await workshopService()).join(input.code, input.name, ctx.clientId);
      ctx.resHeaders?.append(
        'set-cookie',
        `${STUDENT_COOKIE}=${cookie}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure()}`,
      );
      return { code: student.code, name: student.name };
    }),
  ),

  /** What the student sees: their step, its text and workload, their kernel, runs left, broadcast, spotlight. */
  state: publicProcedure.input(z.object({ code })).query(({ input, ctx }) =>
    guarded(async () => {
      const { svc, room, student } = await asStudent(ctx, input.code);
      return svc.view(room, student);
    }),
  ),

  goTo: publicProcedure
    .input(z.object({ code, step: z.number().int().min(0).max(49) }))
    .mutation(({ input, ctx }) =>
      guarded(async () => {
        const { svc, room, student } = await asStudent(ctx, input.code);
        await svc.goTo(room, student, input.step);
        return { step: input.step };
      }),
    ),

  /** A run of the student's kernel on the step's workload, streamed as `runs.submit` streams it. */
  run: publicProcedure.input(kernel).mutation(async function* ({ input, ctx, signal }) {
    const { svc, room, student } = await guarded(() => asStudent(ctx, input.code));
    const workload = await guarded(() => svc.prepareRun(room, student, input.step, input.wgsl));
    const runs = runsRouter.createCaller(
      { clientId: WorkshopService.clientId(student), ownerKey: null },
      { signal },
    );
    yield* await runs.submit({ workload, daemon: room.daemon });
  }),

  /**
   * The check: the student's kernel against the step's hidden solution, on the daemon. Streamed like
   * runs.submit: `{type: 'progress', text, queuePosition?}` while the check's runs wait and run,
   * last `{type: 'verdict', pass, reason, kernelMs}`.
   */
  submit: publicProcedure.input(kernel).mutation(async function* ({ input, ctx, signal }) {
    const { svc, room, student } = await guarded(() => asStudent(ctx, input.code));
    const updates = eventStream<CheckProgress, CheckVerdict>((emit) => {
      const held = holdBack(emit, QUIET_MS);
      return guarded(() =>
        svc.submit(room, student, input.step, input.wgsl, signal, (e) => {
          if (e.type === 'queued')
            held.push({ type: 'progress', text: describeRunEvent(e), queuePosition: e.position });
          else if (e.type !== 'accepted') held.push({ type: 'progress', text: describeRunEvent(e) });
        }),
      ).finally(held.stop);
    });
    for await (const u of updates) {
      if (u.type === 'event') yield u.event;
      else yield { type: 'verdict' as const, ...u.result };
    }
  }),

  /** The teacher's board, streamed: a new state at every change in the room, and every BOARD_POLL_MS. */
  board: publicProcedure.input(teacher).query(async function* ({ input, signal }) {
    const svc = await workshopService();
    let room = await guarded(() => svc.store.teacherRoom(input.code, input.secret));
    const end = Date.now() + BOARD_STREAM_MS;
    while (!signal?.aborted && Date.now() < end) {
      yield await svc.board(room);
      await svc.nextChange(room.code, BOARD_POLL_MS, signal);
      room = (await svc.store.room(room.code)) ?? room;
    }
  }),

  setLocked: publicProcedure
    .input(teacher.extend({ step: z.number().int().min(0).max(49), locked: z.boolean() }))
    .mutation(({ input }) =>
      guarded(async () => {
        const svc = await workshopService();
        const room = await svc.store.teacherRoom(input.code, input.secret);
        await svc.store.setLocked(room.code, input.step, input.locked);
        svc.changed(room.code);
        return { locked: input.locked };
      }),
    ),

  /** Puts one student's kernel for a step on everyone's screen; null takes it down. */
  spotlight: publicProcedure
    .input(teacher.extend({ student: z.string().max(32).nullable(), step: z.number().int().min(0).max(49) }))
    .mutation(({ input }) =>
      guarded(async () => {
        const svc = await workshopService();
        const room = await svc.store.teacherRoom(input.code, input.secret);
        await svc.store.setSpotlight(
          room.code,
          input.student ? { student: input.student, step: input.step } : null,
        );
        svc.changed(room.code);
        return { ok: true };
      }),
    ),

  /** Sends a kernel to every student (shown beside their own, which it does not replace); null clears it. */
  broadcast: publicProcedure
    .input(
      teacher.extend({
        wgsl: z
          .string()
          .min(1)
          .max(256 * 1024)
          .nullable(),
      }),
    )
    .mutation(({ input }) =>
      guarded(async () => {
        const svc = await workshopService();
        const room = await svc.store.teacherRoom(input.code, input.secret);
        await svc.store.setBroadcast(room.code, input.wgsl);
        svc.changed(room.code);
        return { ok: true };
      }),
    ),

  close: publicProcedure.input(teacher).mutation(({ input }) =>
    guarded(async () => {
      const svc = await workshopService();
      const room = await svc.store.teacherRoom(input.code, input.secret);
      await svc.store.close(room.code);
      svc.changed(room.code);
      return { closed: true };
    }),
  ),

  /** The room's lesson as a lesson file (solutions included: the teacher's to keep or share). */
  lesson: publicProcedure.input(teacher).query(({ input }) =>
    guarded(async () => {
      const room = await (await workshopService()).store.teacherRoom(input.code, input.secret);
      return `${JSON.stringify(room.lesson, null, 2)}\n`;
    }),
  ),

  csv: publicProcedure.input(teacher).query(({ input }) =>
    guarded(async () => {
      const svc = await workshopService();
      return svc.csv(await svc.store.teacherRoom(input.code, input.secret));
    }),
  ),
});
