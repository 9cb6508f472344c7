/** bench/floor/stack.ts: the page path's topology doing nothing carries each hop's byte counts. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processTreeCpu } from '../process-cpu';
import { startFloorStack } from './stack';

const sizes = {
  pageRequest: 300,
  pageAnswer: 1357,
  daemonRequest: 250,
  daemonAnswer: 970,
  executorIn: 972,
  executorOut: 70_000,
};
const hasGpp = spawnSync('g++', ['--version']).status === 0;

describe.runIf(hasGpp)('the floor stack', () => {
  it('answers the page’s answer size through three processes of its own, for either topology', async () => {
    const floor = await startFloorStack(sizes);
    try {
      const post = async (url: string) => {
        const res = await fetch(url, { method: 'POST', body: 'x'.repeat(sizes.pageRequest) });
        expect(res.status).toBe(200);
        return (await res.arrayBuffer()).byteLength;
      };
      // Several rounds: each must wait for its own echo (an answer larger than one pipe read).
      for (let i = 0; i < 5; i++) {
        expect(await post(floor.url)).toBe(sizes.pageAnswer);
        expect(await post(floor.withoutDaemonUrl)).toBe(sizes.pageAnswer);
      }
      const tree = processTreeCpu();
      if (tree) {
        const roles = tree.map((p) => p.role);
        expect(roles.filter((r) => r === 'floor web server')).toHaveLength(1);
        // The page path's stand-in and the one without the daemon's process, each with its echo.
        expect(roles.filter((r) => r === 'floor daemon')).toHaveLength(2);
        expect(roles.filter((r) => r === 'floor executor')).toHaveLength(2);
      }
    } finally {
      floor.stop();
    }
  });
});
