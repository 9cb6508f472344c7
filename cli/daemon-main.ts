/**
 * Entry of the daemon-only install (scripts/daemon-bundle.ts bundles it into one file):
 *   node duet-daemon.mjs daemon [options]     the options of `duet daemon`, --check included
 * Only the daemon command: no browser runner and no web app, so the bundle carries none of their
 * dependencies.
 */
import { daemonCommand } from './commands/daemon';

const [name, ...rest] = process.argv.slice(2);
// `… --check | head` closes the pipe early: the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
if (name !== 'daemon') {
  process.stderr.write(
    `usage: duet-daemon.mjs daemon [options]   (got ${name ? `"${name}"` : 'no command'}; options: daemon --help)\n`,
  );
  process.exitCode = 2;
} else {
  daemonCommand(rest).then((code) => {
    process.exitCode = code;
  });
}
