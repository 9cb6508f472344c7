/**
 * Theme (system / light / dark) and presentation mode, kept in localStorage and applied as classes on
 * <html> (`dark`, `present`). The same logic runs as an inline script before first paint (layout) and
 * from the toggle (useDisplayPrefs).
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'duet.theme';
export const PRESENT_KEY = 'duet.present';

/** `?present` or `?present=1` in the address opens presentation mode, as a stored "on" does. */
const PRESENT_QUERY = /[?&]present(=1)?(&|$)/;

/** Whether the page opens in presentation mode: from the address and the stored choice only. */
export function presentOnOpen(search: string, stored: string | null): boolean {
  return stored === '1' || PRESENT_QUERY.test(search);
}

export function applyDisplayPrefs(
  root: HTMLElement,
  theme: ThemeChoice,
  present: boolean,
  systemDark: boolean,
) {
  root.classList.toggle('dark', theme === 'dark' || (theme === 'system' && systemDark));
  root.classList.toggle('present', present);
}

/** Inline, dependency-free twin of applyDisplayPrefs for the document head. */
export const DISPLAY_PREFS_SCRIPT = `(function(){try{var t=localStorage.getItem('${THEME_KEY}')||'system';var p=localStorage.getItem('${PRESENT_KEY}')==='1'||${PRESENT_QUERY}.test(location.search);var d=t==='dark'||(t==='system'&&matchMedia('(prefers-color-scheme: dark)').matches);var r=document.documentElement;r.classList.toggle('dark',d);r.classList.toggle('present',p);}catch(e){}})();`;
