'use client';
/** The page's theme choice and presentation mode, following the system theme while on "system". */
import { useCallback, useEffect, useState } from 'react';
import { applyDisplayPrefs, PRESENT_KEY, THEME_KEY, type ThemeChoice } from '../lib/display-prefs';

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

  useEffect(() => {
    const t = stored(THEME_KEY);
    if (t === 'light' || t === 'dark' || t === 'system') setThemeState(t);
    setPresentState(document.documentElement.classList.contains('present'));
  }, []);

  useEffect(() => {
    const media = matchMedia('(prefers-color-scheme: dark)');
    const apply = () => applyDisplayPrefs(document.documentElement, theme, present, media.matches);
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme, present]);

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
