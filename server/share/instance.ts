/** The process's ShareStore on the database the environment names (server/share/db.ts). */
import { shareDb } from './db';
import { ShareStore } from './store';

let store: Promise<ShareStore> | undefined;

export function shareStore(): Promise<ShareStore> {
  store ??= shareDb().then((db) => new ShareStore(db));
  store.catch(() => {
    store = undefined;
  });
  return store;
}
