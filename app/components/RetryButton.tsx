'use client';
/** "Retry" that waits out the daemon's Retry-After before it can be pressed. */
import { useEffect, useState } from 'react';

export function RetryButton({
  afterS,
  onRetry,
  label = 'Retry now',
}: {
  afterS: number;
  onRetry(): void;
  label?: string;
}) {
  const [left, setLeft] = useState(Math.ceil(afterS));
  useEffect(() => {
    setLeft(Math.ceil(afterS));
    const t = setInterval(() => setLeft((n) => Math.max(0, n - 1)), 1000);
    return () => clearInterval(t);
  }, [afterS]);
  return (
    <button
      type="button"
      data-testid="retry"
      disabled={left > 0}
      onClick={onRetry}
      className="mt-2 rounded-md border border-rose-300 px-2 py-1 text-xs font-semibold hover:bg-rose-100 disabled:opacity-60 dark:border-rose-800 dark:hover:bg-rose-900/40"
    >
      {left > 0 ? `Retry in ${left} s` : label}
    </button>
  );
}
