/**
 * `workshop`: rooms for a class (docs/workshop.md, contracts §11). Students are known by their signed
 * cookie (set by `join`), never by a header they write: their runs go through `runs.submit` with the
 * daemon client id `workshop:<code>:<student>`, so the daemon's fair queue and rate limits count
 * students. The teacher's calls carry the room's secret from the teacher link. Room runs are never
 * saved as shares, so they stay out of /recent. The calls are split by who makes them:
 * workshop/teacher.ts and workshop/student.ts (errors and shared inputs: workshop/guard.ts).
 */
import { publicProcedure, router } from '../trpc';
import { SHIPPED_LESSONS } from '../workshop/lessons';
import { studentProcedures } from './workshop/student';
import { teacherProcedures } from './workshop/teacher';

export const workshopRouter = router({
  lessons: publicProcedure.query(() =>
    Object.entries(SHIPPED_LESSONS).map(([id, l]) => ({
      id,
      title: l.title,
      summary: l.summary ?? '',
      steps: l.steps.length,
    })),
  ),
  ...teacherProcedures,
  ...studentProcedures,
});
