'use client';
/**
 * One binding's settings: length and element type, initializer, output flag and tolerance; textures
 * and samplers in TextureEditor.
 */
import type { BindingInfo } from '#compiler';
import { ELEMENT_TYPES } from '#core/workload';
import { isRecord, type RawBinding, uniformMembers, without } from '../../lib/workload-form';
import { BindingTitle, INPUT, LABEL, NumberField } from './fields';
import { InitEditor } from './InitEditor';
import { TextureEditor } from './TextureEditor';
import { ToleranceFields } from './ToleranceFields';
import { UniformFields } from './UniformFields';

export function BindingEditor({
  binding: b,
  info,
  seed,
  onChange,
}: {
  binding: RawBinding;
  /** What the WGSL declares at this slot, when it does. */
  info: BindingInfo | undefined;
  seed: number;
  onChange(b: RawBinding): void;
}) {
  const name = String(b.name ?? '?');
  const members = info ? uniformMembers(info) : null;
  if (b.kind === 'texture' || b.kind === 'storage-texture' || b.kind === 'sampler') {
    return <TextureEditor binding={b} info={info} onChange={onChange} />;
  }
  if (b.kind === 'uniform' && (isRecord(b.fields) || (members && !b.element))) {
    return (
      <div className="space-y-1" data-testid={`binding-editor-${name}`}>
        <BindingTitle name={name} kind="uniform" type={info?.type} />
        {members ? (
          <UniformFields
            name={name}
            members={members}
            fields={isRecord(b.fields) ? b.fields : {}}
            onChange={(fields) => onChange({ ...b, fields })}
          />
        ) : (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            The WGSL does not declare this uniform as a struct.
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-1" data-testid={`binding-editor-${name}`}>
      <BindingTitle name={name} kind={String(b.kind)} type={info?.type} />
      <div className="flex flex-wrap items-center gap-3">
        <NumberField
          label="length"
          integer
          min={1}
          testId={`length-${name}`}
          value={typeof b.length === 'number' ? b.length : undefined}
          onCommit={(v) => v !== undefined && onChange({ ...b, length: v })}
        />
        <label className={LABEL}>
          <span>element</span>
          <select
            data-testid={`element-${name}`}
            value={typeof b.element === 'string' ? b.element : ''}
            onChange={(e) => onChange({ ...b, element: e.target.value })}
            className={INPUT}
          >
            {typeof b.element !== 'string' && <option value="">(none)</option>}
            {ELEMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {b.kind === 'storage' && (
          <label className={LABEL}>
            <input
              type="checkbox"
              data-testid={`output-${name}`}
              checked={b.output === true}
              onChange={(e) =>
                onChange(e.target.checked ? { ...b, output: true } : without(b, 'output', 'tolerance'))
              }
            />
            <span>output (compared)</span>
          </label>
        )}
      </div>
      <InitEditor
        name={name}
        init={b.init}
        seed={seed}
        onChange={(init) => onChange(init === 'zeros' && b.init === undefined ? b : { ...b, init })}
      />
      {b.output === true && <ToleranceFields binding={b} onChange={onChange} />}
    </div>
  );
}
