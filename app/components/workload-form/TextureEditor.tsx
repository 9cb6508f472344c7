'use client';
/**
 * A texture, storage-texture or sampler binding's settings (docs/contracts.md, textures): format,
 * size, dimension, mip levels and access shown; a sampler's filter and address mode chosen; a sampled
 * texture's contents loaded from a picture; a storage texture's output flag and tolerance.
 */
import type { BindingInfo } from '#compiler';
import { ADDRESS_MODES, COMPARE_FUNCTIONS, FILTER_MODES, textureFormat } from '#core/texture-formats';
import { pictureSizeOf, withPicture } from '../../lib/image-texels';
import { isRecord, type RawBinding, without } from '../../lib/workload-form';
import { BindingTitle, INPUT, LABEL } from './fields';
import { PicturePicker } from './PicturePicker';
import { ToleranceFields } from './ToleranceFields';

/** "rgba8unorm · 128×96 · 2d · 3 levels · write": the texture's shape in one line. */
export function textureSummary(b: RawBinding): string {
  if (b.kind === 'sampler') {
    const s = isRecord(b.sampler) ? b.sampler : {};
    const mode =
      typeof s.addressMode === 'string'
        ? s.addressMode
        : isRecord(s.addressMode)
          ? 'per axis'
          : 'clamp-to-edge';
    const compare = typeof s.compare === 'string' ? ` · compare ${s.compare}` : '';
    return `sampler · ${String(s.filter ?? s.magFilter ?? 'nearest')} · ${mode}${compare}`;
  }
  const size = Array.isArray(b.size) ? b.size.join('×') : '?';
  return [
    String(b.format ?? '?'),
    size,
    typeof b.dimension === 'string' ? b.dimension : undefined,
    typeof b.mipLevels === 'number' && b.mipLevels > 1 ? `${b.mipLevels} levels` : undefined,
    typeof b.access === 'string' ? b.access : undefined,
    b.output === true ? 'output' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function TextureEditor({
  binding: b,
  info,
  onChange,
}: {
  binding: RawBinding;
  info: BindingInfo | undefined;
  onChange(b: RawBinding): void;
}) {
  const name = String(b.name ?? '?');
  return (
    <div className="space-y-1" data-testid={`binding-editor-${name}`}>
      <BindingTitle name={name} kind={String(b.kind)} type={info?.type} />
      <p className="font-mono text-xs" data-testid={`texture-summary-${name}`}>
        {textureSummary(b)}
      </p>
      {b.kind === 'sampler' && <SamplerFields name={name} binding={b} onChange={onChange} />}
      {/* A picture is rgba8 texels; a depth texture holds depths (numbers in [0, 1]) instead. */}
      {b.kind === 'texture' && !textureFormat(String(b.format))?.depth && (
        <PicturePicker
          name={name}
          textureSize={pictureSizeOf(b)}
          onPicture={(p) => onChange(withPicture(b, p))}
        />
      )}
      {b.kind === 'storage-texture' && b.access !== 'read' && (
        <label className={LABEL}>
          <input
            type="checkbox"
            data-testid={`output-${name}`}
            checked={b.output === true}
            onChange={(e) =>
              onChange(e.target.checked ? { ...b, output: true } : without(b, 'output', 'tolerance'))
            }
          />
          <span>output (compared, drawn when 2d rgba8 / bgra8 / r32)</span>
        </label>
      )}
      {b.kind === 'storage-texture' && b.output === true && (
        <ToleranceFields binding={b} onChange={onChange} />
      )}
    </div>
  );
}

/**
 * One filter and one address mode for every axis: the workload's shorthands (`filter`, `addressMode`);
 * a comparison sampler's compare function (a sampler_comparison's binding has one, workload-form.ts).
 */
function SamplerFields({
  name,
  binding: b,
  onChange,
}: {
  name: string;
  binding: RawBinding;
  onChange(b: RawBinding): void;
}) {
  const s = isRecord(b.sampler) ? b.sampler : {};
  const filter =
    typeof s.filter === 'string' ? s.filter : typeof s.magFilter === 'string' ? s.magFilter : 'nearest';
  const mode = typeof s.addressMode === 'string' ? s.addressMode : 'clamp-to-edge';
  const set = (patch: Record<string, unknown>) => onChange({ ...b, sampler: { ...s, ...patch } });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className={LABEL}>
        <span>filter</span>
        <select
          data-testid={`sampler-filter-${name}`}
          value={filter}
          onChange={(e) =>
            set({ ...without(s, 'magFilter', 'minFilter', 'mipmapFilter'), filter: e.target.value })
          }
          className={INPUT}
        >
          {FILTER_MODES.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label className={LABEL}>
        <span>address mode</span>
        <select
          data-testid={`sampler-address-${name}`}
          value={mode}
          onChange={(e) => set({ addressMode: e.target.value })}
          className={INPUT}
        >
          {ADDRESS_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {typeof s.compare === 'string' && (
        <label className={LABEL}>
          <span>compare</span>
          <select
            data-testid={`sampler-compare-${name}`}
            value={s.compare}
            onChange={(e) => set({ compare: e.target.value })}
            className={INPUT}
          >
            {COMPARE_FUNCTIONS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
