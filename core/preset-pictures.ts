/**
 * The pictures a preset ships with (shaders/<id>/<binding>.png, decoded into the texture binding's
 * `init: {base64}` by scripts/gen-shader-index.mjs) taken out of its workload template and put back.
 * The page receives its presets without them, so its first load does not carry every picture's texels,
 * and fetches a preset's pictures when that preset is chosen (server/presets.ts, app/lib/preset-pictures.ts);
 * the server, the CLI and the tests keep reading whole presets (shaders/index.ts).
 */
import { namedRecord, ownEntry } from './named';
import type { Preset } from './preset';

/** A texture binding's texels by binding name (no prototype: core/named.ts), as base64 (rgba8, rows top to bottom). */
export type PresetPictures = Record<string, string>;

type TemplateBinding = Record<string, unknown>;

function bindingsOf(preset: Preset): TemplateBinding[] {
  const b = preset.workload.bindings;
  return Array.isArray(b) ? (b as TemplateBinding[]) : [];
}

/** A texture binding whose init is texels (`{base64}`): the pictures the generator filled in. */
function pictureOf(b: TemplateBinding): string | null {
  const init = b.init;
  if (b.kind !== 'texture' || typeof b.name !== 'string' || !init || typeof init !== 'object') return null;
  const base64 = (init as { base64?: unknown }).base64;
  return typeof base64 === 'string' ? base64 : null;
}

/** The preset without its pictures (those bindings lose `init`), and the pictures by binding name. */
export function splitPresetPictures(preset: Preset): { preset: Preset; pictures: PresetPictures } {
  const pictures: PresetPictures = namedRecord();
  const bindings = bindingsOf(preset).map((b) => {
    const base64 = pictureOf(b);
    if (base64 === null) return b;
    pictures[b.name as string] = base64;
    const { init: _init, ...rest } = b;
    return rest;
  });
  if (!Object.keys(pictures).length) return { preset, pictures };
  return { preset: { ...preset, workload: { ...preset.workload, bindings } }, pictures };
}

/** `preset` with each named texture binding's texels put back as its `init`. */
export function fillPresetPictures(preset: Preset, pictures: PresetPictures): Preset {
  const bindings = bindingsOf(preset).map((b) => {
    const base64 = typeof b.name === 'string' ? ownEntry(pictures, b.name) : undefined;
    return base64 === undefined || b.kind !== 'texture' ? b : { ...b, init: { base64 } };
  });
  return { ...preset, workload: { ...preset.workload, bindings } };
}
