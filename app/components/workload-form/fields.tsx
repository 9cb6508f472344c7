'use client';
/** Small controlled inputs for the workload form: they keep the text being typed, commit valid values. */
import { useEffect, useId, useState } from 'react';

export const INPUT =
  'rounded border border-zinc-300 bg-white px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500/50';
export const LABEL = 'flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400';
export const BUTTON =
  'rounded border border-zinc-300 px-2 py-0.5 text-xs font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

/**
 * A number input whose text may be mid-edit ("", "-", "1e"): only finite numbers (integers where
 * `integer`, ≥ `min`) are committed; an empty box commits `undefined` when `optional`.
 */
export function NumberField({
  label,
  value,
  onCommit,
  integer = false,
  min,
  optional = false,
  testId,
  width = 'w-24',
  placeholder,
}: {
  label: string;
  value: number | undefined;
  onCommit(v: number | undefined): void;
  integer?: boolean;
  min?: number;
  optional?: boolean;
  testId?: string;
  width?: string;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText((t) => (t.trim() !== '' && Number(t) === value ? t : value === undefined ? '' : String(value)));
  }, [value]);
  const n = Number(text);
  const valid =
    (text.trim() === '' && optional) ||
    (text.trim() !== '' &&
      Number.isFinite(n) &&
      (!integer || Number.isInteger(n)) &&
      (min === undefined || n >= min));
  return (
    <label htmlFor={id} className={LABEL}>
      <span>{label}</span>
      <input
        id={id}
        data-testid={testId}
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        placeholder={placeholder}
        aria-invalid={!valid}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === '') {
            if (optional) onCommit(undefined);
            return;
          }
          const v = Number(t);
          if (Number.isFinite(v) && (!integer || Number.isInteger(v)) && (min === undefined || v >= min))
            onCommit(v);
        }}
        className={`${INPUT} ${width} ${valid ? '' : 'border-rose-500 dark:border-rose-500'}`}
      />
    </label>
  );
}

/** A text input holding JSON (vectors, matrices, nested structs), committed when it parses. */
export function JsonField({
  label,
  value,
  onCommit,
  testId,
}: {
  label: string;
  value: unknown;
  onCommit(v: unknown): void;
  testId?: string;
}) {
  const id = useId();
  const shown = JSON.stringify(value) ?? '';
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(shown);
    setBad(false);
  }, [shown]);
  return (
    <label htmlFor={id} className={LABEL}>
      <span>{label}</span>
      <input
        id={id}
        data-testid={testId}
        value={text}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onCommit(JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
        className={`${INPUT} w-48 ${bad ? 'border-rose-500 dark:border-rose-500' : ''}`}
      />
    </label>
  );
}

/** A binding editor's first line: its name, then its kind and WGSL type. */
export function BindingTitle({ name, kind, type }: { name: string; kind: string; type?: string }) {
  return (
    <p className="text-xs font-semibold">
      {name}{' '}
      <span className="font-normal text-zinc-600 dark:text-zinc-400">
        {kind} {type ?? ''}
      </span>
    </p>
  );
}
