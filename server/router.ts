/** The app's tRPC router: one sub-router per noun. */
import { daemonsRouter } from './routers/daemons';
import { pairingRouter } from './routers/pairing';
import { runsRouter } from './routers/runs';
import { sharesRouter } from './routers/shares';
import { sweepsRouter } from './routers/sweeps';
import { translateRouter } from './routers/translate';
import { workshopRouter } from './routers/workshop';
import { router } from './trpc';

export const appRouter = router({
  daemons: daemonsRouter,
  pairing: pairingRouter,
  runs: runsRouter,
  shares: sharesRouter,
  sweeps: sweepsRouter,
  translate: translateRouter,
  workshop: workshopRouter,
});

export type AppRouter = typeof appRouter;
