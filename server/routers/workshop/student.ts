/**
 * The student's workshop calls: join (sets the signed cookie), their view, moving between steps, and
 * runs and submissions under their own identity and quota. Students are known by the cookie, never
 * by a header they write.
 */
import { z } from 'zod';
import { describeRunEvent } from '../../../core/progress';
import type { CheckVerdict } from '../../../core/workshop/verdict';
import { serverEnv } from '../../env';
import { eventStream, holdBack } from '../../event-stream';
import { type Context, publicProcedure } from '../../trpc';
import { workshopService } from '../../workshop/instance';
import { STUDENT_COOKIE } from '../../workshop/secrets';
import { WorkshopService } from '../../workshop/service';
import { QUIET_MS, streamRunOn, workloadOrThrow } from '../runs';
import { code, guarded, kernel } from './guard';

/** A check's progress, as runs.submit words it (core/progress.ts). */
type CheckProgress = { type: 'progress'; text: string; queuePosition?: number };

/** The student cookie's lifetime: a workshop day and its evening. */
const COOKIE_MAX_AGE_S = 24 * 60 * 60;

/** Cookies only over TLS when the server is published over TLS (a LAN room is often plain http). */
const secure = () => (serverEnv().DUET_PUBLIC_URL?.protocol === 'https:' ? '; Secure' : '');

async function asStudent(ctx: Context, roomCode: string) {
  const svc = await workshopService();
  return { svc, ...(await svc.student(roomCode, ctx.workshopCookie)) };
}

export const studentProcedures = {
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
  /**
   * A run of the student's kernel on the step's workload, on the room's daemon (a configured one, or
   * the one its teacher paired), streamed as `runs.submit` streams it.
   */
  run: publicProcedure.input(kernel).mutation(async function* ({ input, ctx, signal }) {
    const { svc, room, student } = await guarded(() => asStudent(ctx, input.code));
    // The daemon first: a student whose room's paired daemon is offline keeps the run.
    const daemon = await guarded(() => svc.daemonOf(room));
    const workload = workloadOrThrow(
      await guarded(() => svc.prepareRun(room, student, input.step, input.wgsl)),
    );
    const owner = WorkshopService.clientId(student);
    let id: string | null = null;
    try {
      for await (const u of streamRunOn(daemon, workload, owner, signal)) {
        if (u.type === 'accepted') {
          id = u.run.id;
          svc.runs.started(id, owner, daemon);
        }
        yield u;
      }
    } finally {
      if (id) svc.runs.ended(id);
    }
  }),
  /**
   * Cancels the student's own run by the id `run` streamed first, on the room's daemon whichever it
   * is (a paired one too, which `runs.cancel` from the student's browser cannot name). Someone
   * else's run, or one that has ended, is `{cancelled: false, reason: 'not running'}`.
   */
  cancel: publicProcedure
    .input(z.object({ code, id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }))
    .mutation(async ({ input, ctx }) => {
      const { svc, student } = await guarded(() => asStudent(ctx, input.code));
      return svc.runs.cancel(input.id, WorkshopService.clientId(student));
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
};
