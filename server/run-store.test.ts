import { describe, expect, it } from 'vitest';
import { RunStore } from './run-store';

const bytes = (n: number) => ({ bytes: n, chunks: [new Uint8Array(n)] });

describe('RunStore', () => {
  it('returns what was stored', () => {
    const store = new RunStore({ maxEntries: 4, maxBytes: 1024, ttlMs: 1000 });
    store.put('a', { y: bytes(8) });
    expect(store.get('a')?.outputs.y?.bytes).toBe(8);
    expect(store.get('missing')).toBeUndefined();
  });

  it('evicts the least recently used run when over the entry limit', () => {
    const store = new RunStore({ maxEntries: 2, maxBytes: 1024, ttlMs: 1000 });
    store.put('a', { y: bytes(1) });
    store.put('b', { y: bytes(1) });
    store.get('a'); // a is now more recent than b
    store.put('c', { y: bytes(1) });
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('c')).toBeDefined();
  });

  it('evicts by total bytes and keeps the byte count right', () => {
    const store = new RunStore({ maxEntries: 10, maxBytes: 100, ttlMs: 1000 });
    store.put('a', { y: bytes(60) });
    store.put('b', { y: bytes(60) });
    expect(store.get('a')).toBeUndefined();
    expect(store.bytes).toBe(60);
    store.put('b', { y: bytes(10) });
    expect(store.bytes).toBe(10);
  });

  it('expires entries after the TTL', () => {
    let now = 0;
    const store = new RunStore({ maxEntries: 10, maxBytes: 100, ttlMs: 50 }, () => now);
    store.put('a', { y: bytes(1) });
    now = 49;
    expect(store.get('a')).toBeDefined();
    now = 200;
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});
