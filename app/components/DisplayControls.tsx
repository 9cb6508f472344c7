'use client';
/** Theme (system, light, dark) and the projector layout for demos (the theme menu hides there). */
import type { useDisplayPrefs } from '../hooks/useDisplayPrefs';
import type { ThemeChoice } from '../lib/display-prefs';

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** `prefs`: the page's display state (one owner: the page also toggles presentation by keyboard). */
export function DisplayControls({ prefs }: { prefs: ReturnType<typeof useDisplayPrefs> }) {
  const { theme, setTheme, present, togglePresent } = prefs;
  return (
    <div className="flex items-center gap-2">
      <label
        htmlFor="theme-select"
        className="in-[.present]:hidden text-xs font-medium text-zinc-600 dark:text-zinc-400"
      >
        Theme
      </label>
      <select
        id="theme-select"
        data-testid="theme-select"
        value={theme}
        onChange={(e) => setTheme(e.target.value as ThemeChoice)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm in-[.present]:hidden dark:border-zinc-700 dark:bg-zinc-900"
      >
        {THEMES.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="present-toggle"
        aria-pressed={present}
        onClick={togglePresent}
        className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 aria-pressed:bg-sky-100 aria-pressed:text-sky-900 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:bg-sky-900/50 dark:aria-pressed:text-sky-100"
      >
        Presentation
      </button>
    </div>
  );
}
