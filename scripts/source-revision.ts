/**
 * Which sources a report describes: the commit, and whether the working tree had changes on top.
 * A GPU report without it cannot be matched to the code it verified.
 */
import { execFileSync } from 'node:child_process';

export function sourceRevision(cwd: string): string {
  if (process.env.DUET_SOURCE_REVISION) return process.env.DUET_SOURCE_REVISION;
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' }).trim();
    const rev = git('rev-parse', '--short=12', 'HEAD');
    return git('status', '--porcelain') ? `${rev} with uncommitted changes` : rev;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
