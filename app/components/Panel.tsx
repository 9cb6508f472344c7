/** A titled instrument panel. */
import type { ReactNode } from 'react';

export function Panel({
  title,
  aside,
  children,
  labelId,
  className = '',
  testId,
}: {
  title: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
  labelId: string;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      aria-labelledby={labelId}
      data-testid={testId}
      className={`flex min-w-0 flex-col rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      <header className="flex items-center justify-between gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2
          id={labelId}
          className="text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400"
        >
          {title}
        </h2>
        {aside}
      </header>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </section>
  );
}
