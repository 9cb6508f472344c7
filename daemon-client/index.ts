/**
 * The daemon client (contracts §7), used by the web server, the CLI, the benches and the tests:
 * one module per concern (target and auth, errors, info, submitting and streaming a run, cancel);
 * this file names what callers use. The page never imports it: it reaches daemons through server/.
 */
export { cancelRun } from './cancel';
export { DaemonError } from './daemon-error';
export { type DaemonInfo, getDaemonInfo } from './info';
export type { ChunkedRunResult, OutputChunks, RemoteRunResult } from './result';
export { submitRun, submitRunChunked } from './submit';
export type { DaemonTarget } from './target';
