/** The process's WorkshopService on the share database the environment names (server/share/db.ts). */
import { shareDb } from '../share/db';
import { WorkshopService } from './service';

let service: Promise<WorkshopService> | undefined;

export function workshopService(): Promise<WorkshopService> {
  service ??= shareDb().then((db) => new WorkshopService(db.db));
  service.catch(() => {
    service = undefined;
  });
  return service;
}
