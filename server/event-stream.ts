/**
 * A callback-driven task as an async iterable: the events it reports while it runs, then its result.
 * `runs.submit` uses it to stream a daemon run's frames (daemon-client/stream.ts `onEvent`) to the page.
 */
export type Streamed<E, R> = { type: 'event'; event: E } | { type: 'done'; result: R };

export async function* eventStream<E, R>(
  start: (emit: (event: E) => void) => Promise<R>,
): AsyncGenerator<Streamed<E, R>, void> {
  const pending: E[] = [];
  let wake: (() => void) | null = null;
  let settled = false;
  const task = start((event) => {
    pending.push(event);
    wake?.();
  }).finally(() => {
    settled = true;
    wake?.();
  });
  // Keeps an early failure from being reported as unhandled before the loop awaits the task.
  task.catch(() => {});
  while (true) {
    while (pending.length) yield { type: 'event', event: pending.shift() as E };
    if (settled) break;
    await new Promise<void>((r) => {
      wake = r;
    });
    wake = null;
  }
  yield { type: 'done', result: await task };
}

/**
 * Holds a task's first events back for `ms`, keeping only the latest of each type (in the order the
 * types first came), then lets them through: a run that ends within `ms` streams its result alone
 * (a phase shown for a few milliseconds is never seen, and each update is a write and a read on
 * the way to the page), a longer one its latest state at `ms` and then every event as it comes.
 */
export function holdBack<E extends { type: string }>(emit: (event: E) => void, ms: number) {
  let held: Map<string, E> | null = new Map();
  const flush = () => {
    const events = held ? [...held.values()] : [];
    held = null;
    for (const e of events) emit(e);
  };
  const timer = setTimeout(flush, ms);
  return {
    push(event: E): void {
      if (held) held.set(event.type, event);
      else emit(event);
    },
    /** The task ended: what is still held is dropped (its result says more). */
    stop(): void {
      clearTimeout(timer);
      held = null;
    },
  };
}
