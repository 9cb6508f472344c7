/**
 * A run's body parsed (JSON, then core/workload.ts's parseWorkload) and remembered by its text. A
 * class re-running one kernel sends the same bytes run after run, and on a warm tiny run the parse
 * is the largest piece of the daemon's own JavaScript (docs/performance.md, the overhead section).
 * The same text always parses to the same result (JSON.parse and parseWorkload depend on nothing
 * else), so a hit gives what a parse would. Every later check (limits, rate, translation, plan)
 * still runs for every run. A kept workload is frozen, all the way down, before anyone gets it: a
 * run that tried to change it would throw, never alter what the next run with the same text gets.
 * Only small bodies are kept (at most MEMO_TEXT_BYTES each, MEMO_ENTRIES of them, the least
 * recently used dropped first), so the memory it can hold is bounded whatever callers send.
 */
import { type ParseResult, parseWorkload } from '../core/workload';
import { parseJsonBody } from './http-util';

/** Bodies larger than this are parsed every time (a big workload's parse is small beside its run). */
export const MEMO_TEXT_BYTES = 64 * 1024;
export const MEMO_ENTRIES = 64;

/** Freezes a JSON value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class ParsedWorkloads {
  private readonly byText = new Map<string, ParseResult>();

  constructor(
    private readonly entries = MEMO_ENTRIES,
    private readonly maxTextBytes = MEMO_TEXT_BYTES,
  ) {}

  /**
   * The body's workload (frozen when kept) or its issues; a body that is not JSON throws BodyError
   * (400). A text's length in UTF-16 units is at most its UTF-8 bytes, so one longer than the cap
   * is not measured.
   */
  parse(text: string): ParseResult {
    const hit = this.byText.get(text);
    if (hit) {
      // Re-insert: Map iteration order makes the oldest entry the first to evict.
      this.byText.delete(text);
      this.byText.set(text, hit);
      return hit;
    }
    const parsed = parseWorkload(parseJsonBody(text));
    if (!parsed.ok || text.length > this.maxTextBytes || Buffer.byteLength(text) > this.maxTextBytes)
      return parsed;
    const kept: ParseResult = { ok: true, workload: deepFreeze(parsed.workload) };
    this.byText.set(text, kept);
    if (this.byText.size > this.entries) this.byText.delete(this.byText.keys().next().value!);
    return kept;
  }
}
