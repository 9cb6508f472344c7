/**
 * The playground's keyboard shortcuts: one list for the sheet (`?`) and the handler, so the sheet
 * cannot drift from what the keys do. Single keys (`?`) only act outside text fields and the editor.
 */
export type ShortcutAction = 'run' | 'cancel' | 'sheet' | 'present' | 'editor' | 'results';

export interface Shortcut {
  keys: string;
  action: string;
  id: ShortcutAction;
}

export const SHORTCUTS: Shortcut[] = [
  { id: 'run', keys: 'Ctrl+Enter', action: 'Run on both sides (a new run cancels the one in flight)' },
  { id: 'cancel', keys: 'Esc', action: 'Cancel the run in flight' },
  { id: 'present', keys: 'Alt+P', action: 'Presentation mode on or off' },
  { id: 'editor', keys: 'Alt+1', action: 'Focus the kernel editor' },
  { id: 'results', keys: 'Alt+2', action: 'Focus the results' },
  { id: 'sheet', keys: '?', action: 'This list' },
];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Which shortcut a key press is, if any. `inText`: focus is in a text field or the editor. */
export function shortcutFor(e: KeyLike, inText: boolean): ShortcutAction | null {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return 'run';
  if (e.key === 'Escape') return 'cancel';
  // Alt+letter types a character on some layouts (macOS): match the physical key.
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    if (e.code === 'KeyP') return 'present';
    if (e.code === 'Digit1') return 'editor';
    if (e.code === 'Digit2') return 'results';
  }
  if (e.key === '?' && !inText && !e.ctrlKey && !e.metaKey && !e.altKey) return 'sheet';
  return null;
}
