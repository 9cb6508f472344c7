/** Title row of the share pages, with a way back to the playground. */
import type { ReactNode } from 'react';

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-3">
      <div>
        <p className="text-xs text-zinc-500">
          <a href="/" className="underline">
            Duet
          </a>{' '}
          ·{' '}
          <a href="/recent" className="underline">
            recent runs
          </a>{' '}
          ·{' '}
          <a href="/compare" className="underline">
            compare
          </a>
        </p>
        <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
      </div>
      {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
    </header>
  );
}

export const LINK_BUTTON =
  'rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';
