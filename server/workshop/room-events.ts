/**
 * "Something changed in room X", within one web server: what wakes the room's board streams at
 * once. Other web servers on the same database see the change at their board's next poll.
 */
export class RoomEvents {
  private readonly listeners = new Map<string, Set<() => void>>();

  changed(code: string): void {
    for (const wake of this.listeners.get(code) ?? []) wake();
  }

  /** Resolves at the room's next change, after `ms`, or on abort, whichever comes first. */
  next(code: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.listeners.get(code) ?? new Set();
      this.listeners.set(code, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.listeners.delete(code);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
