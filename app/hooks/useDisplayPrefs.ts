'use client';
/** The page's theme choice and presentation mode, following the system theme while on "system". */
import { useCallback, useEffect, useState } from 'react';
import {
  applyDisplayPrefs,
  PRESENT_KEY,
  presentOnOpen,
  THEME_KEY,
  type ThemeChoice,
} from '../lib/display-prefs';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function useDisplayPrefs() {
  const [theme, setThemeState] = useState<ThemeChoice>('system');
  const [present, setPresentState] = useState(false);
  // Nothing is applied before the choices are read: applying the defaults first would take off the
  // class the head script set, and React's development double mount would then read that back.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const t = stored(THEME_KEY);
    if (t === 'light' || t === 'dark' || t === 'system') setThemeState(t);
    // From the address and storage, not from <html>'s class, so reading it twice gives one answer.
    setPresentState(presentOnOpen(window.location.search, stored(PRESENT_KEY)));
    setLoaded(true);
  }, []);

  useEffect(() => {
    if (!loaded) return;
    const media = matchMedia('(prefers-color-scheme: dark)');
    const apply = () => applyDisplayPrefs(document.documentElement, theme, present, media.matches);
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme, present, loaded]);

  const setTheme = useCallback((t: ThemeChoice) => {
    store(THEME_KEY, t);
    setThemeState(t);
  }, []);
  const togglePresent = useCallback(() => {
    setPresentState((p) => {
      store(PRESENT_KEY, p ? '0' : '1');
      return !p;
    });
  }, []);
  return { theme, setTheme, present, togglePresent };
}
