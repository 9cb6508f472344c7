import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue';

function drain<T>(q: FairQueue<T>): T[] {
  const out: T[] = [];
  for (let x = q.shift(); x !== undefined; x = q.shift()) out.push(x);
  return out;
}

describe('FairQueue', () => {
  it('serves clients in turn, each client in its own submission order', () => {
    const q = new FairQueue<string>(100);
    for (const x of ['a1', 'a2', 'a3', 'a4']) q.push('a', x);
    q.push('b', 'b1');
    q.push('c', 'c1');
    q.push('c', 'c2');
    expect(q.order()).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3', 'a4']);
    expect(drain(q)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3', 'a4']);
  });

  it('puts a client that was just served behind the others, including newcomers', () => {
    const q = new FairQueue<string>(100);
    q.push('a', 'a1');
    q.push('a', 'a2');
    expect(q.shift()).toBe('a1');
    q.push('b', 'b1');
    expect(q.order()).toEqual(['b1', 'a2']);
    q.push('c', 'c1');
    expect(drain(q)).toEqual(['b1', 'c1', 'a2']);
  });

  it("counts a run that started without queueing as that client's turn", () => {
    const q = new FairQueue<string>(100);
    q.served('a');
    q.push('a', 'a2');
    q.push('b', 'b1');
    expect(drain(q)).toEqual(['b1', 'a2']);
  });

  it('refuses items beyond maxLength and takes them again once there is room', () => {
    const q = new FairQueue<number>(2);
    expect(q.push('a', 1)).toBe(true);
    expect(q.push('b', 2)).toBe(true);
    expect(q.full).toBe(true);
    expect(q.push('c', 3)).toBe(false);
    expect(q.length).toBe(2);
    q.shift();
    expect(q.push('c', 3)).toBe(true);
  });

  it('removes a waiting item and forgets a client left with nothing', () => {
    const q = new FairQueue<string>(10);
    q.push('a', 'a1');
    q.push('b', 'b1');
    q.push('b', 'b2');
    expect(q.remove('a1')).toBe(true);
    expect(q.remove('a1')).toBe(false);
    expect(q.order()).toEqual(['b1', 'b2']);
    expect(q.length).toBe(2);
    expect(drain(q)).toEqual(['b1', 'b2']);
  });

  it('never lets a client get two turns ahead of another waiting client, with many clients', () => {
    const q = new FairQueue<{ client: string; k: number }>(1000);
    const counts = [7, 1, 3, 5, 2, 9, 1, 4, 6, 2, 8, 3];
    counts.forEach((n, c) => {
      for (let k = 0; k < n; k++) q.push(`c${c}`, { client: `c${c}`, k });
    });
    const served = drain(q);
    expect(served).toHaveLength(counts.reduce((a, b) => a + b, 0));
    // Round k serves every client that still has a k-th run, before anyone's (k+1)-th.
    expect(served.map((s) => s.k)).toEqual(served.map((s) => s.k).sort((a, b) => a - b));
    const firstRound = served.filter((s) => s.k === 0).map((s) => s.client);
    expect(firstRound).toEqual(counts.map((_, c) => `c${c}`));
  });

  it('puts a client back from a pause ahead of turns already queued, behind only the run in progress', () => {
    const q = new FairQueue<string>(100);
    // Three users run sweeps: each queues its next run while the previous one is served.
    for (const h of ['h1', 'h2', 'h3']) q.push(h, `${h}a`);
    for (const h of ['h1', 'h2', 'h3']) {
      expect(q.shift()).toBe(`${h}a`);
      q.push(h, `${h}b`);
    }
    expect(q.shift()).toBe('h1b');
    // A student who was reading the last result clicks Run: next, not behind h2b and h3b.
    q.push('s', 's1');
    expect(q.order()).toEqual(['s1', 'h2b', 'h3b']);
    expect(q.shift()).toBe('s1');
    // The head start is one turn: the student's next run takes its place in the round robin.
    q.push('s', 's2');
    expect(q.order()).toEqual(['h2b', 'h3b', 's2']);
  });

  it('serves a charged client once its debt is paid, however often the others come back', () => {
    const q = new FairQueue<string>(100);
    q.push('heavy', 'h0');
    expect(q.shift()).toBe('h0');
    q.charge('heavy', 2); // h0 held the device for three quanta
    q.push('heavy', 'h1');
    const students = Array.from({ length: 10 }, (_, i) => `s${i}`);
    for (const s of students) q.push(s, s);
    // Every student submits again the moment its run is served, for ever: each gets its head start
    // once, then one turn per round, and the heavy user's turn comes after two rounds of them.
    let shifts = 0;
    for (let x = q.shift(); x !== 'h1' && shifts <= 100; x = q.shift()) {
      q.push(x!, x!);
      shifts++;
    }
    expect(shifts).toBe(3 * students.length);
  });

  it('charges a long run extra rounds: its client sits out that many turns while others wait', () => {
    const q = new FairQueue<string>(100);
    q.push('a', 'a1');
    expect(q.shift()).toBe('a1');
    q.push('a', 'a2');
    for (const x of ['b1', 'b2', 'b3']) q.push('b', x);
    expect(q.order()).toEqual(['b1', 'a2', 'b2', 'b3']);
    // a1 held the device for three quanta: two turns beyond its own.
    q.charge('a', 2);
    expect(q.order()).toEqual(['b1', 'b2', 'b3', 'a2']);
    q.charge('b', 0);
    expect(drain(q)).toEqual(['b1', 'b2', 'b3', 'a2']);
  });

  it('keeps a debt when the indebted client cancels and submits again', () => {
    const q = new FairQueue<string>(100);
    q.push('a', 'a1');
    q.shift();
    q.push('a', 'a2');
    q.charge('a', 2);
    for (const x of ['b1', 'b2']) q.push('b', x);
    expect(q.remove('a2')).toBe(true);
    q.push('a', 'a3');
    q.push('b', 'b3');
    expect(drain(q)).toEqual(['b1', 'b2', 'b3', 'a3']);
  });

  it('forgets every debt once the device has gone idle with nothing waiting', () => {
    const q = new FairQueue<string>(100);
    q.served('a');
    q.charge('a', 5);
    q.push('b', 'b1');
    q.idle(); // something waits: nothing is forgotten
    q.push('a', 'a1');
    q.push('b', 'b2');
    expect(drain(q)).toEqual(['b1', 'b2', 'a1']);
    q.served('a');
    q.charge('a', 5);
    q.idle();
    q.push('a', 'a2');
    q.push('b', 'b3');
    expect(drain(q)).toEqual(['a2', 'b3']);
  });

  it('order() always predicts what shift() returns, for random pushes and shifts', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const q = new FairQueue<number>(1000);
    let next = 0;
    for (let step = 0; step < 2000; step++) {
      if (rnd(3) > 0) q.push(`c${rnd(5)}`, next++);
      else {
        const predicted = q.order()[0];
        expect(q.shift()).toBe(predicted);
      }
    }
    const predicted = q.order();
    expect(predicted.length).toBe(q.length);
    expect(drain(q)).toEqual(predicted);
  });
});
