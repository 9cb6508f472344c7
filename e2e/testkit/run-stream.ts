/**
 * `runs.submit` from a test, as the page sends it: a tRPC client with httpBatchStreamLink (a batch of
 * one, answered as a stream of JSON lines; errors come inside the stream with their HTTP status in
 * `data.httpStatus`), read to its result with the page's own reader.
 */
import type { Page } from '@playwright/test';
import { createTRPCClient, httpBatchStreamLink, TRPCClientError } from '@trpc/client';
import { followRun } from '../../app/lib/remote-side';
import type { AppRouter } from '../../server/router';

export async function submitRun(
  baseURL: string,
  input: { workload: unknown; daemon: number | 'auto' },
  opts: { headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchStreamLink({ url: `${baseURL}/api/trpc`, headers: opts.headers ?? {} })],
  });
  const signal = opts.signal ? { signal: opts.signal } : {};
  return followRun(await client.runs.submit.mutate(input, signal));
}

/** The run's error as the page gets it (a TRPCClientError carrying the server's error shape). */
export async function submitRunError(
  baseURL: string,
  input: { workload: unknown; daemon: number | 'auto' },
  opts: { headers?: Record<string, string> } = {},
): Promise<TRPCClientError<AppRouter>> {
  const e = await submitRun(baseURL, input, opts).then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof TRPCClientError)) throw new Error(`expected the run to fail, got ${String(e)}`);
  return e as TRPCClientError<AppRouter>;
}

/** The `{ type: 'result' }` update in a runs.submit answer as the browser received it (JSON lines). */
export function resultInStream<T>(text: string): T {
  const find = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return undefined;
    if ((v as { type?: unknown }).type === 'result') return v;
    for (const x of Object.values(v)) {
      const found = find(x);
      if (found) return found;
    }
    return undefined;
  };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const found = find(JSON.parse(line));
    if (found) return found as T;
  }
  throw new Error(`no result in the stream: ${text.slice(0, 500)}`);
}

/**
 * The page's next runs.submit answer, whole (status and JSON lines). Chromium does not keep the body
 * of a response the page read as a stream, so the answer is taken through a route: the page then
 * gets it in one piece once the run ends (its progress is not seen live under this route).
 */
export async function captureRunAnswer(
  page: Page,
): Promise<{ answer: Promise<{ status: number; text: string }> }> {
  let resolve: (a: { status: number; text: string }) => void = () => {};
  const answer = new Promise<{ status: number; text: string }>((r) => {
    resolve = r;
  });
  await page.route('**/api/trpc/**runs.submit**', async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    resolve({ status: response.status(), text });
    await route.fulfill({ response, body: text });
  });
  return { answer };
}
