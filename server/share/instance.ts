/** The process's ShareStore and SweepStore on the database the environment names (server/share/db.ts). */
import { shareDb } from './db';
import { ShareStore } from './store';
import { SweepStore } from './sweep-store';

let store: Promise<ShareStore> | undefined;
let sweeps: Promise<SweepStore> | undefined;

export function shareStore(): Promise<ShareStore> {
  store ??= shareDb().then((db) => new ShareStore(db));
  store.catch(() => {
    store = undefined;
  });
  return store;
}

export function sweepStore(): Promise<SweepStore> {
  sweeps ??= shareDb().then((db) => new SweepStore(db));
  sweeps.catch(() => {
    sweeps = undefined;
  });
  return sweeps;
}
