'use client';
/**
 * The keyboard shortcut sheet (`?`): a modal <dialog> (HTML's own focus trap and Esc to close),
 * named by its heading for screen readers.
 */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../lib/shortcuts';

export function ShortcutSheet({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      data-testid="shortcut-sheet"
      onClose={onClose}
      className="rounded-lg border border-zinc-300 bg-white p-4 text-sm text-zinc-900 shadow-lg backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-title" className="mb-2 font-semibold">
        Keyboard shortcuts
      </h2>
      <table className="text-left">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row" className="pr-4 font-mono text-xs font-normal">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="mt-3 text-right">
        <button
          type="submit"
          className="rounded-md border border-zinc-300 px-3 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Close
        </button>
      </form>
    </dialog>
  );
}
