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
