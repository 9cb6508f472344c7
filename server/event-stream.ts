/**
 * A callback-driven task as an async iterable: the events it reports while it runs, then its result.
 * `runs.submit` uses it to stream a daemon run's frames (daemon/client.ts `onEvent`) to the page.
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
