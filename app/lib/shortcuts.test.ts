import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from './shortcuts';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; code: string }> = {},
) => ({
  key: k,
  code: mods.code ?? '',
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
});

describe('shortcutFor', () => {
  it('maps every listed shortcut', () => {
    expect(shortcutFor(key('Enter', { ctrl: true }), true)).toBe('run');
    expect(shortcutFor(key('Enter', { meta: true }), false)).toBe('run');
    expect(shortcutFor(key('Escape'), true)).toBe('cancel');
    expect(shortcutFor(key('π', { alt: true, code: 'KeyP' }), false)).toBe('present');
    expect(shortcutFor(key('1', { alt: true, code: 'Digit1' }), true)).toBe('editor');
    expect(shortcutFor(key('2', { alt: true, code: 'Digit2' }), true)).toBe('results');
    expect(shortcutFor(key('?'), false)).toBe('sheet');
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
  });
  it('leaves `?` and plain keys to text fields', () => {
    expect(shortcutFor(key('?'), true)).toBeNull();
    expect(shortcutFor(key('Enter'), false)).toBeNull();
    expect(shortcutFor(key('p'), false)).toBeNull();
  });
});
