'use client';
/** A storage binding's initializer: zeros, fill, iota, random + seed, or pasted / uploaded data. */
import { useId } from 'react';
import { isRecord } from '../../lib/workload-form';
import { INPUT, LABEL, NumberField } from './fields';

type InitKind = 'zeros' | 'fill' | 'iota' | 'random' | 'data' | 'base64';

export function initKind(init: unknown): InitKind {
  if (isRecord(init)) {
    for (const k of ['fill', 'iota', 'random', 'data', 'base64'] as const) if (k in init) return k;
  }
  return 'zeros';
}

function defaultInit(kind: InitKind, seed: number): unknown {
  switch (kind) {
    case 'zeros':
      return 'zeros';
    case 'fill':
      return { fill: 1 };
    case 'iota':
      return { iota: { start: 0, step: 1 } };
    case 'random':
      return { random: { seed, min: -1, max: 1 } };
    case 'data':
      return { data: [] };
    case 'base64':
      return { base64: '' };
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Pasted numbers: separated by commas, spaces or new lines; a JSON array works too. */
export function parseNumbers(text: string): number[] | null {
  const parts = text
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[\s,;]+/)
    .filter(Boolean);
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

export function InitEditor({
  name,
  init,
  seed,
  onChange,
}: {
  name: string;
  init: unknown;
  /** Seed for a newly chosen random initializer. */
  seed: number;
  onChange(init: unknown): void;
}) {
  const id = useId();
  const kind = initKind(init);
  const body = isRecord(init) ? init : {};
  const sub = (k: string) => (isRecord(body[k]) ? (body[k] as Record<string, unknown>) : {});
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className={LABEL}>
        <span>init</span>
        <select
          id={id}
          data-testid={`init-kind-${name}`}
          value={kind}
          onChange={(e) => onChange(defaultInit(e.target.value as InitKind, seed))}
          className={INPUT}
        >
          <option value="zeros">zeros</option>
          <option value="fill">fill</option>
          <option value="iota">iota</option>
          <option value="random">random</option>
          <option value="data">data (pasted)</option>
          <option value="base64">bytes (uploaded)</option>
        </select>
      </label>
      {kind === 'fill' && (
        <NumberField label="value" value={num(body.fill)} onCommit={(v) => onChange({ fill: v ?? 0 })} />
      )}
      {kind === 'iota' && (
        <>
          <NumberField
            label="start"
            value={num(sub('iota').start)}
            onCommit={(v) => onChange({ iota: { ...sub('iota'), start: v ?? 0 } })}
          />
          <NumberField
            label="step"
            value={num(sub('iota').step)}
            onCommit={(v) => onChange({ iota: { ...sub('iota'), step: v ?? 0 } })}
          />
        </>
      )}
      {kind === 'random' && (
        <>
          <NumberField
            label="seed"
            integer
            min={0}
            testId={`init-seed-${name}`}
            value={num(sub('random').seed)}
            onCommit={(v) => onChange({ random: { ...sub('random'), seed: v ?? 0 } })}
          />
          <NumberField
            label="min"
            value={num(sub('random').min)}
            onCommit={(v) => onChange({ random: { ...sub('random'), min: v ?? 0 } })}
          />
          <NumberField
            label="max"
            value={num(sub('random').max)}
            onCommit={(v) => onChange({ random: { ...sub('random'), max: v ?? 0 } })}
          />
        </>
      )}
      {kind === 'data' && <DataPaste name={name} data={body.data} onChange={onChange} />}
      {kind === 'base64' && (
        <label className={LABEL}>
          <span>
            file{' '}
            {typeof body.base64 === 'string' && body.base64
              ? `(${Math.floor((body.base64.length * 3) / 4)} bytes loaded)`
              : ''}
          </span>
          <input
            type="file"
            data-testid={`init-file-${name}`}
            className="text-xs"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) onChange({ base64: toBase64(new Uint8Array(await file.arrayBuffer())) });
            }}
          />
        </label>
      )}
    </div>
  );
}

function DataPaste({ name, data, onChange }: { name: string; data: unknown; onChange(init: unknown): void }) {
  const id = useId();
  const values = Array.isArray(data) ? data : [];
  return (
    <label htmlFor={id} className={`${LABEL} flex-1`}>
      <span>values</span>
      <textarea
        id={id}
        data-testid={`init-data-${name}`}
        defaultValue={values.join(', ')}
        rows={1}
        placeholder="1, 2, 3 (paste; a file of numbers works too)"
        onChange={(e) => {
          const parsed = parseNumbers(e.target.value);
          if (parsed) onChange({ data: parsed });
        }}
        className={`${INPUT} min-w-40 flex-1`}
      />
    </label>
  );
}
