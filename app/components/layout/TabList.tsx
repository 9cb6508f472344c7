'use client';
/**
 * A row of tabs (WAI-ARIA Authoring Practices, "Tabs with automatic activation"): arrow keys move
 * between tabs and select them, Home/End jump to the ends, only the selected tab is in the tab order.
 */
import { type KeyboardEvent, useRef } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

export function tabDomId(group: string, id: string): string {
  return `${group}-tab-${id}`;
}

export function tabPanelDomId(group: string): string {
  return `${group}-panel`;
}

export function TabList<T extends string>({
  group,
  tabs,
  selected,
  onSelect,
  label,
}: {
  group: string;
  tabs: readonly TabSpec<T>[];
  selected: T;
  onSelect(id: T): void;
  label: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="flex min-w-0 flex-wrap gap-1" onKeyDown={onKeyDown}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={tabDomId(group, t.id)}
          data-testid={tabDomId(group, t.id)}
          aria-selected={t.id === selected}
          aria-controls={tabPanelDomId(group)}
          tabIndex={t.id === selected ? 0 : -1}
          onClick={() => onSelect(t.id)}
          className="rounded-t-md border-b-2 border-transparent px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 aria-selected:border-sky-600 aria-selected:font-semibold aria-selected:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-selected:border-sky-400 dark:aria-selected:text-zinc-100"
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
