/**
 * The sweep page's settings in its URL (`/sweep?preset=saxpy&param=N&lo=1024&hi=1048576`, or
 * `&list=1024,4096` for a typed list), so a sweep setup is a link. Parsing is lenient: anything
 * missing or unknown falls back to the form's defaults, and the form checks the values as typed.
 */
export interface SweepSettings {
  preset: string;
  param: string;
  mode: 'range' | 'list';
  lo: string;
  hi: string;
  list: string;
}

type Query = Record<string, string | string[] | undefined>;

const one = (q: Query, key: string): string | undefined => {
  const v = q[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s !== undefined && s.length <= 400 ? s : undefined;
};

/** The settings a URL asks for, or null when it names no preset. */
export function parseSweepQuery(q: Query): SweepSettings | null {
  const preset = one(q, 'preset');
  if (!preset) return null;
  const list = one(q, 'list');
  return {
    preset,
    param: one(q, 'param') ?? '',
    mode: list !== undefined ? 'list' : 'range',
    lo: one(q, 'lo') ?? '',
    hi: one(q, 'hi') ?? '',
    list: list ?? '',
  };
}

/** The query string (with its `?`) for the settings on screen. */
export function sweepQuery(s: SweepSettings): string {
  const q = new URLSearchParams({ preset: s.preset, param: s.param });
  if (s.mode === 'list') q.set('list', s.list);
  else {
    q.set('lo', s.lo);
    q.set('hi', s.hi);
  }
  return `?${q.toString()}`;
}
