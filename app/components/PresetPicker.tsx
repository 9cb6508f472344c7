'use client';
/** Kernel presets from shaders/. */
import type { Preset } from '../../server/presets';

export function PresetPicker({
  presets,
  value,
  onChange,
}: {
  presets: Preset[];
  value: string;
  onChange(id: string): void;
}) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="preset-select" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        Preset
      </label>
      <select
        id="preset-select"
        data-testid="preset-select"
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {value === '' && <option value="">custom</option>}
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
