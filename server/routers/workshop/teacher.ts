/**
 * The teacher's workshop calls: opening a room, the streamed board, and the actions on the room
 * (lock, spotlight, broadcast, the room's daemon, close, lesson and CSV export). Each carries the
 * room's secret from the teacher link, except `create`, limited per address instead. `create` and
 * `setDaemon` may name a daemon this browser paired (server/workshop/room-daemon.ts), never another's.
 */
import { z } from 'zod';
import { publicProcedure } from '../../trpc';
import { workshopService } from '../../workshop/instance';
import { BOARD_POLL_MS } from '../../workshop/service';
import { guarded, teacher } from './guard';

/** A daemon's index in this browser's list (configured, then paired: server/pairing/visible-daemons.ts), or 'auto'. */
const daemon = z.union([z.number().int().min(0), z.literal('auto')]);

/** A board stream ends after this long; the page asks again (a proxy may cut longer answers). */
export const BOARD_STREAM_MS = 10 * 60 * 1000;

export const teacherProcedures = {
  create: publicProcedure
    .input(
      z.object({
        title: z.string().max(120).optional(),
        lesson: z.union([
          z.object({ shipped: z.string().max(64) }),
          z.object({ json: z.string().max(512 * 1024) }),
        ]),
        daemon,
        runsPerStudent: z.number().int().min(1).max(10_000),
      }),
    )
    .mutation(({ input, ctx }) =>
      guarded(async () => {
        const { code, teacherSecret } = await (await workshopService()).create(
          input,
          ctx.clientId,
          ctx.ownerKey ?? null,
        );
        return {
          code,
          teacherSecret,
          joinPath: `/w/${code}`,
          boardPath: `/w/${code}/board#${teacherSecret}`,
        };
      }),
    ),
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
  /**
   * Moves the room to another daemon: a configured one, 'auto', or one this browser paired. The
   * lesson's solutions are checked on it first; students' next runs go there.
   */
  setDaemon: publicProcedure.input(teacher.extend({ daemon })).mutation(({ input, ctx }) =>
    guarded(async () => {
      const svc = await workshopService();
      const room = await svc.store.teacherRoom(input.code, input.secret);
      await svc.setDaemon(room, input.daemon, ctx.clientId, ctx.ownerKey ?? null);
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
};
