#!/usr/bin/env node
// The `duet` command: loads the TypeScript CLI through tsx, so it runs from a checkout without a
// build step, from any working directory (paths resolve from this file, not from cwd).
import { register } from 'tsx/esm/api';

register();
// `duet run --json | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import(new URL('../cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
