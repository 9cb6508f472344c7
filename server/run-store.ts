/**
 * Output bytes of recent remote runs, kept in memory so the page can fetch them as binary
 * (app/api/runs/[id]/outputs/[name]) instead of through tRPC JSON. Bounded: least recently used runs
 * go first when the entry count or total bytes exceed the limits, and every entry expires after a TTL.
 * Outputs are kept as the chunks they arrived in from the daemon (daemon-client/submit.ts
 * submitRunChunked) and served as such: a large output is never copied on the web server.
 */

import type { OutputChunks } from '#daemon-client';
import { namedRecord } from '../core/named';

export interface StoredRun {
  outputs: Record<string, OutputChunks>;
  bytes: number;
  expiresAt: number;
}

export interface RunStoreLimits {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

export const DEFAULT_RUN_STORE_LIMITS: RunStoreLimits = {
  maxEntries: 64,
  maxBytes: 512 * 1024 * 1024,
  ttlMs: 10 * 60 * 1000,
};

export class RunStore {
  private readonly entries = new Map<string, StoredRun>();
  private totalBytes = 0;

  constructor(
    private readonly limits: RunStoreLimits = DEFAULT_RUN_STORE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  put(id: string, outputs: Record<string, OutputChunks>): void {
    this.delete(id);
    const bytes = Object.values(outputs).reduce((n, o) => n + o.bytes, 0);
    // Keyed by binding names: a prototype-free copy, read with own-property lookups (core/named.ts).
    this.entries.set(id, {
      outputs: namedRecord(Object.entries(outputs)),
      bytes,
      expiresAt: this.now() + this.limits.ttlMs,
    });
    this.totalBytes += bytes;
    this.evict();
  }

  /** The run's outputs, refreshing its recency; undefined when unknown or expired. */
  get(id: string): StoredRun | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(id);
      return undefined;
    }
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  private delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.totalBytes -= entry.bytes;
  }

  private evict(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt <= now) this.delete(id);
    }
    // Map iteration order is insertion order; get() re-inserts, so the first key is the least recent.
    while (this.entries.size > this.limits.maxEntries || this.totalBytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined || this.entries.size === 1) break;
      this.delete(oldest);
    }
  }
}

const STORE_KEY = Symbol.for('duet.runStore');

/**
 * The process-wide store. Kept on globalThis because Next bundles each route separately; a module
 * variable would give the tRPC route and the outputs route two different stores.
 */
export function runStore(): RunStore {
  const g = globalThis as { [STORE_KEY]?: RunStore };
  g[STORE_KEY] ??= new RunStore();
  return g[STORE_KEY];
}
