/**
 * The kinds of failure a run on the daemon can end in, as the daemon client reports them and the
 * web server forwards them to the page (`config` is the web server's own: no daemon configured),
 * with the title the page and the CLI show for each. One list: add a kind here and the compiler
 * asks for its title.
 */
export const RUN_ERROR_TITLES = {
  unreachable: 'Daemon unreachable',
  unauthorized: 'The daemon refused the token',
  invalid: 'Invalid workload',
  limit: 'Over the daemon’s limits',
  translate: 'Translator error',
  busy: 'Daemon busy',
  timeout: 'Run timed out',
  cancelled: 'Cancelled',
  run: 'The remote run failed',
  protocol: 'Unexpected answer from the daemon',
  config: 'Daemon not configured',
} as const satisfies Record<string, string>;

export type RunErrorKind = keyof typeof RUN_ERROR_TITLES;

/** The kinds the daemon client itself raises. */
export type DaemonErrorKind = Exclude<RunErrorKind, 'config'>;

export function runErrorTitle(kind: string): string {
  return Object.hasOwn(RUN_ERROR_TITLES, kind) ? RUN_ERROR_TITLES[kind as RunErrorKind] : 'Remote error';
}
