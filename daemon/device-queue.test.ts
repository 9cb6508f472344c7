import { describe, expect, it } from 'vitest';
import { DeviceQueue, type QueuedJob } from './device-queue';

interface TestJob extends QueuedJob {
  name: string;
  positions: number[];
  finish(): void;
  /** Starts the device-time clock of a job made with `deferDevice` (after its "restart wait"). */
  startDevice(): void;
}

function job(clientId: string, name: string, started: string[], deferDevice = false): TestJob {
  let finish!: () => void;
  let deviceStarted = () => {};
  const j: TestJob = {
    clientId,
    name,
    positions: [],
    finish: () => finish(),
    startDevice: () => deviceStarted(),
    onPosition: (p) => j.positions.push(p),
    run: (onDeviceStart) => {
      started.push(name);
      deviceStarted = onDeviceStart;
      if (!deferDevice) onDeviceStart();
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    },
  };
  return j;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('DeviceQueue', () => {
  it('runs one job at a time, round-robin across clients, announcing positions', async () => {
    const started: string[] = [];
    const q = new DeviceQueue(10, 100);
    const a1 = job('a', 'a1', started);
    const a2 = job('a', 'a2', started);
    const a3 = job('a', 'a3', started);
    const b1 = job('b', 'b1', started);
    for (const j of [a1, a2, a3, b1]) expect(q.submit(j)).toBe(true);
    expect(started).toEqual(['a1']);
    expect(q.running).toBe(1);
    expect(q.length).toBe(3);
    // b1 arrived last but is the first of its client: it goes ahead of a's second and third.
    expect(b1.positions.at(-1)).toBe(1);
    expect(a2.positions.at(-1)).toBe(2);
    expect(a3.positions.at(-1)).toBe(3);
    for (const [j, next] of [
      [a1, 'b1'],
      [b1, 'a2'],
      [a2, 'a3'],
    ] as const) {
      j.finish();
      await tick();
      expect(started.at(-1)).toBe(next);
    }
    expect(a3.positions.at(-1)).toBe(1);
    a3.finish();
    await tick();
    expect(q.running).toBe(0);
  });

  it('charges device time: a run held for several quanta costs its client that many turns', async () => {
    const started: string[] = [];
    const q = new DeviceQueue(10, 20);
    const a1 = job('a', 'a1', started);
    const waiting = [job('a', 'a2', started), ...['b1', 'b2', 'b3'].map((n) => job('b', n, started))];
    q.submit(a1);
    for (const j of waiting) q.submit(j);
    // By turns alone, a2 would go second.
    expect(waiting.map((j) => j.positions.at(-1))).toEqual([2, 1, 3, 4]);
    await new Promise((r) => setTimeout(r, 100));
    a1.finish(); // held the device ≥ 100 ms = 5 quanta: at least 4 turns beyond its own
    for (let i = 0; i < 4; i++) {
      await tick();
      (waiting.find((j) => j.name === started.at(-1)) ?? a1).finish();
    }
    expect(started).toEqual(['a1', 'b1', 'b2', 'b3', 'a2']);
  });

  it('charges only the time a job held the device, not its wait for the executor to be ready', async () => {
    const started: string[] = [];
    const q = new DeviceQueue(10, 20);
    const a1 = job('a', 'a1', started, true);
    const waiting = [job('a', 'a2', started), ...['b1', 'b2', 'b3'].map((n) => job('b', n, started))];
    q.submit(a1);
    for (const j of waiting) q.submit(j);
    // 100 ms waiting for a restarted executor (5 quanta), then a run that takes no time.
    await new Promise((r) => setTimeout(r, 100));
    a1.startDevice();
    a1.finish();
    for (let i = 0; i < 4; i++) {
      await tick();
      (waiting.find((j) => j.name === started.at(-1)) ?? a1).finish();
    }
    // Turns as if a1 had been short: a's second run goes third, not behind all of b's.
    expect(started).toEqual(['a1', 'b1', 'a2', 'b2', 'b3']);
  });

  it('refuses jobs when full and lets a withdrawn job never run', async () => {
    const started: string[] = [];
    const q = new DeviceQueue(2, 100);
    const r = job('a', 'running', started);
    const w1 = job('b', 'w1', started);
    const w2 = job('c', 'w2', started);
    q.submit(r);
    expect(q.submit(w1)).toBe(true);
    expect(q.submit(w2)).toBe(true);
    expect(q.submit(job('d', 'x', started))).toBe(false);
    expect(q.withdraw(w1)).toBe(true);
    expect(w2.positions.at(-1)).toBe(1);
    r.finish();
    await tick();
    expect(started).toEqual(['running', 'w2']);
  });

  it('moves on when a job throws or rejects', async () => {
    const started: string[] = [];
    const q = new DeviceQueue(5, 100);
    const bad: QueuedJob = {
      clientId: 'a',
      onPosition: () => {},
      run: () => Promise.reject(new Error('boom')),
    };
    const throwing: QueuedJob = {
      clientId: 'b',
      onPosition: () => {
        throw new Error('listener');
      },
      run: () => {
        throw new Error('sync');
      },
    };
    const good = job('c', 'good', started);
    q.submit(bad);
    q.submit(throwing);
    q.submit(good);
    await tick();
    await tick();
    expect(started).toEqual(['good']);
  });
});
