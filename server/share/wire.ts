/**
 * JSON that keeps every number exactly: NaN, ±Infinity and −0 (which JSON.stringify turns into
 * `null` / `0`) travel as `{ "$num": "NaN" | "Infinity" | "-Infinity" | "-0" }`. An object that
 * already looks like a marker (its only key is `$num` or `$obj`) is escaped as `{ "$obj": {…} }`,
 * so any value survives `fromWire(JSON.parse(JSON.stringify(toWire(v))))` unchanged.
 * Used for shared records (comparison statistics hold Infinity and NaN) and fragment links.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SPECIAL = ['NaN', 'Infinity', '-Infinity', '-0'] as const;
type Special = (typeof SPECIAL)[number];

function specialOf(n: number): Special | null {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(n, -0)) return '-0';
  return null;
}

const SPECIAL_VALUE: Record<Special, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function isMarkerShaped(o: object): boolean {
  const keys = Object.keys(o);
  return keys.length === 1 && (keys[0] === '$num' || keys[0] === '$obj');
}

export function toWire(value: unknown): Json {
  if (typeof value === 'number') {
    const s = specialOf(value);
    return s ? { $num: s } : value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return isMarkerShaped(value) ? { $obj: out } : out;
  }
  // undefined, functions, symbols, bigints: not part of any record.
  return null;
}

function entriesFromWire(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = fromWire(v);
  return out;
}

export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$num' && typeof o.$num === 'string' && o.$num in SPECIAL_VALUE) {
    return SPECIAL_VALUE[o.$num as Special];
  }
  if (
    keys.length === 1 &&
    keys[0] === '$obj' &&
    o.$obj &&
    typeof o.$obj === 'object' &&
    !Array.isArray(o.$obj)
  ) {
    return entriesFromWire(o.$obj as Record<string, unknown>);
  }
  return entriesFromWire(o);
}

/** The text form stored in the database and put (compressed) into fragment links. */
export function stringifyWire(value: unknown): string {
  return JSON.stringify(toWire(value));
}

export function parseWire(text: string): unknown {
  return fromWire(JSON.parse(text));
}
