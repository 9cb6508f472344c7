import { describe, expect, it } from 'vitest';
import type { DaemonInfo } from '#daemon-client';
import type { ConfiguredDaemon } from './daemon-config';
import { leastLoadedDaemon } from './least-loaded';

const daemons: ConfiguredDaemon[] = ['a', 'b', 'c'].map((h, index) => ({
  index,
  url: `http://${h}:7070`,
  token: 't',
  fromEnv: true,
}));

function info(length: number, running: number, state = 'ready'): DaemonInfo {
  return {
    version: '0.1.0',
    backend: 'cpu',
    device: null,
    limits: {},
    queue: { length, running },
    executor: { state },
  };
}

describe('leastLoadedDaemon', () => {
  it('picks the daemon with the fewest queued + running runs', async () => {
    const loads: Record<string, DaemonInfo> = {
      'http://a:7070': info(3, 1),
      'http://b:7070': info(0, 1),
      'http://c:7070': info(1, 1),
    };
    const d = await leastLoadedDaemon(daemons, async (t) => loads[t.url]!);
    expect(d?.url).toBe('http://b:7070');
  });

  it('passes over unreachable daemons and those whose executor cannot start; ties go to the first', async () => {
    const d = await leastLoadedDaemon(daemons, async (t) => {
      if (t.url === 'http://a:7070') throw new Error('ECONNREFUSED');
      if (t.url === 'http://b:7070') return info(0, 0, 'backoff');
      return info(2, 1);
    });
    expect(d?.url).toBe('http://c:7070');
    const tie = await leastLoadedDaemon(daemons, async () => info(1, 0));
    expect(tie?.index).toBe(0);
  });

  it('returns undefined when no daemon answers', async () => {
    const d = await leastLoadedDaemon(daemons, async () => {
      throw new Error('down');
    });
    expect(d).toBeUndefined();
  });

  it('does not wait forever for a daemon that never answers', async () => {
    const d = await leastLoadedDaemon(daemons.slice(0, 2), (t, { signal }) =>
      t.url === 'http://a:7070'
        ? new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
        : Promise.resolve(info(5, 1)),
    );
    expect(d?.url).toBe('http://b:7070');
  });
});
