'use client';
/**
 * A read-only text (a link, an embed snippet) with its own Copy button. Copying can fail (no
 * clipboard permission, an http:// page): the field then says so and selects its text for Ctrl+C.
 */
import { useId, useRef, useState } from 'react';

export function CopyField({
  label,
  value,
  testId,
  multiline = false,
}: {
  label: string;
  value: string;
  testId: string;
  multiline?: boolean;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      field.current?.select();
      setCopied('failed');
    }
  };
  const common = {
    id,
    ref: field,
    readOnly: true,
    value,
    'data-testid': testId,
    onFocus: (e: { target: { select(): void } }) => e.target.select(),
    className:
      'w-full rounded border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950',
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
        {label}
      </label>
      <div className="flex items-start gap-2">
        {multiline ? <textarea rows={3} {...common} /> : <input {...common} />}
        <button
          type="button"
          onClick={copy}
          data-testid={`${testId}-copy`}
          className="shrink-0 rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Copy
        </button>
      </div>
      <p role="status" className="min-h-4 text-xs text-zinc-500" data-testid={`${testId}-copied`}>
        {copied === 'copied'
          ? 'Copied.'
          : copied === 'failed'
            ? 'Press Ctrl+C to copy (the clipboard is not available here).'
            : ''}
      </p>
    </div>
  );
}
