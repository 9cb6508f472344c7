'use client';
/** Kernel presets from the library in shaders/, grouped by category. */
import type { PagePreset } from '../../server/presets';

export function PresetPicker({
  presets,
  value,
  onChange,
  customLabel,
}: {
  presets: PagePreset[];
  /** A preset id, or '' for a kernel that is no library preset (shown as `customLabel`). */
  value: string;
  onChange(id: string): void;
  customLabel?: string;
}) {
  const groups = new Map<string, PagePreset[]>();
  for (const p of presets) groups.set(p.categoryTitle, [...(groups.get(p.categoryTitle) ?? []), p]);
  return (
    <div className="flex min-w-0 max-w-full items-center gap-2">
      <label htmlFor="preset-select" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        Preset
      </label>
      <select
        id="preset-select"
        data-testid="preset-select"
        className="min-w-0 max-w-[16rem] flex-1 rounded-md in-[.present]:max-w-[11rem] border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {customLabel && value === '' && (
          <option value="" disabled>
            {customLabel}
          </option>
        )}
        {[...groups].map(([category, list]) => (
          <optgroup key={category} label={category}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
