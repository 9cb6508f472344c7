import { describe, expect, it } from 'vitest';
import { DISPLAY_PREFS_SCRIPT, PRESENT_KEY, presentOnOpen } from './display-prefs';

/** Runs the head script against a stand-in page and answers the classes it leaves on <html>. */
function runHeadScript(search: string, storage: Record<string, string>): Set<string> {
  const classes = new Set<string>();
  const page = {
    localStorage: { getItem: (k: string) => storage[k] ?? null },
    location: { search },
    matchMedia: () => ({ matches: false }),
    document: {
      documentElement: {
        classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)) },
      },
    },
  };
  new Function('localStorage', 'location', 'matchMedia', 'document', DISPLAY_PREFS_SCRIPT)(
    page.localStorage,
    page.location,
    page.matchMedia,
    page.document,
  );
  return classes;
}

describe('presentation mode on opening', () => {
  it('opens with ?present or ?present=1 in the address, or a stored "on"', () => {
    expect(presentOnOpen('?present', null)).toBe(true);
    expect(presentOnOpen('?a=1&present=1', null)).toBe(true);
    expect(presentOnOpen('', '1')).toBe(true);
    expect(presentOnOpen('?presenter', null)).toBe(false);
    expect(presentOnOpen('?present=0', '0')).toBe(false);
    expect(presentOnOpen('', null)).toBe(false);
  });

  it('the head script decides as presentOnOpen does', () => {
    for (const [search, stored] of [
      ['?present', undefined],
      ['?x=2&present', '0'],
      ['?presenter', undefined],
      ['', '1'],
      ['', undefined],
    ] as const) {
      const classes = runHeadScript(search, stored ? { [PRESENT_KEY]: stored } : {});
      expect(classes.has('present'), `${search} ${stored}`).toBe(presentOnOpen(search, stored ?? null));
    }
  });
});
