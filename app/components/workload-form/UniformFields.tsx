'use client';
/** A uniform struct's members as fields: numbers and booleans inline, vectors / matrices / arrays as JSON. */
import type { MemberLayout } from '#compiler';
import { ownEntry } from '#core/named';
import { zeroValue } from '../../lib/workload-form';
import { JsonField, LABEL, NumberField } from './fields';

export function UniformFields({
  name,
  members,
  fields,
  onChange,
}: {
  name: string;
  members: MemberLayout[];
  fields: Record<string, unknown>;
  onChange(fields: Record<string, unknown>): void;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-3" data-testid={`uniform-fields-${name}`}>
      <legend className="sr-only">Fields of {name}</legend>
      {members.map((m) => {
        const value = ownEntry(fields, m.name);
        const set = (v: unknown) => onChange({ ...fields, [m.name]: v });
        const label = `${m.name}: ${m.layout.type}`;
        const testId = `field-${name}-${m.name}`;
        if (m.layout.kind === 'scalar' && m.layout.scalar === 'bool')
          return (
            <label key={m.name} className={LABEL}>
              <input
                type="checkbox"
                data-testid={testId}
                checked={value === true}
                onChange={(e) => set(e.target.checked)}
              />
              <span>{label}</span>
            </label>
          );
        if (m.layout.kind === 'scalar' || m.layout.kind === 'atomic')
          return (
            <NumberField
              key={m.name}
              label={label}
              testId={testId}
              integer={m.layout.scalar !== 'f32' && m.layout.scalar !== 'f16'}
              min={m.layout.scalar === 'u32' ? 0 : undefined}
              value={typeof value === 'number' ? value : undefined}
              placeholder="unset"
              onCommit={(v) => set(v ?? 0)}
            />
          );
        return (
          <JsonField
            key={m.name}
            label={label}
            testId={testId}
            value={value ?? zeroValue(m.layout)}
            onCommit={set}
          />
        );
      })}
    </fieldset>
  );
}
