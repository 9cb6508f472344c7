/** Polls a URL until it answers 2xx: a server of the kit's (a web server, a daemon) is up. */
export async function waitUp(
  url: string,
  what: string,
  opts: { headers?: Record<string, string>; ms?: number } = {},
): Promise<void> {
  const ms = opts.ms ?? 60_000;
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { headers: opts.headers ?? {} });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up at ${url} within ${ms / 1000} s: ${last}`);
}
