#!/usr/bin/env node
/**
 * Writes the kernel library's registry from shaders/<id>/ folders:
 *
 * - shaders/index.generated.ts: every preset's preset.json, WGSL text and README text inlined as
 *   strings, so the page, the server, the CLI and the tests import one static list (bundlers and
 *   Node alike; no `?raw` imports, no file reads at run time).
 * - shaders/references.generated.ts: id → the `reference` export of shaders/<id>/reference.ts (tests).
 * - shaders/<id>/workload.json: the preset resolved at its default parameters (plain numbers, with
 *   `wgslFile`), so `duet run shaders/<id>/workload.json` works for every preset. Generated: edit
 *   preset.json instead.
 *
 *   node scripts/gen-shader-index.mjs           write the files
 *   node scripts/gen-shader-index.mjs --check   exit 1 (and name the files) when any is out of date
 *
 * Each folder needs preset.json, the .wgsl its workload's "wgslFile" names, README.md and reference.ts.
 * A texture binding without `init` whose name has a PNG beside it (shaders/<id>/<name>.png) gets the
 * picture's texels as its init ({ base64 }, rgba8, rows top to bottom): the PNG is decoded here, once,
 * so the page, the server and the CLI read plain texels (docs/contracts.md, textures). The page's
 * preset list leaves them out and fetches them when the preset is chosen (server/presets.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';
import { tsImport } from 'tsx/esm/api';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHADERS = join(ROOT, 'shaders');
const check = process.argv.includes('--check');
/** What every workload.json names for editors (schemas/, `npm run schemas`), relative to it. */
const WORKLOAD_SCHEMA = '../../schemas/workload.schema.json';

const { parsePreset, resolvePreset, PRESET_CATEGORIES } = await tsImport(
  '../core/preset.ts',
  import.meta.url,
);

/** Formats text the way `biome check` wants it, so generated files pass the linter as written. */
function biomeFormat(text, virtualPath) {
  const bin = join(ROOT, 'node_modules', '.bin', 'biome');
  const r = spawnSync(bin, ['format', `--stdin-file-path=${virtualPath}`], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`biome format ${virtualPath} failed:\n${r.stderr}`);
  return r.stdout;
}

function fail(message) {
  process.stderr.write(`gen-shader-index: ${message}\n`);
  process.exit(1);
}

/** A PNG's pixels as rgba8 texels (grey, grey+alpha and rgb expanded; 8-bit PNGs only). */
function pngTexels(path) {
  const png = decode(readFileSync(path));
  if (png.depth !== 8) throw new Error(`${png.depth}-bit channels; the presets ship 8-bit PNGs`);
  if (png.palette) throw new Error('a palette PNG; save it as RGB or RGBA');
  const n = png.width * png.height;
  const c = png.channels;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const px = png.data.subarray(i * c, i * c + c);
    const [r, g, b] = c < 3 ? [px[0], px[0], px[0]] : [px[0], px[1], px[2]];
    const a = c === 2 ? px[1] : c === 4 ? px[3] : 255;
    rgba.set([r, g, b, a], i * 4);
  }
  return { width: png.width, height: png.height, rgba };
}

/** Fills `init` of each texture binding that has a picture beside the preset (see the header). */
function fillPictures(raw, dir, id) {
  const bindings = Array.isArray(raw.workload?.bindings) ? raw.workload.bindings : [];
  for (const [i, b] of bindings.entries()) {
    const file = join(dir, `${b.name}.png`);
    if (b.kind !== 'texture' || b.init !== undefined || !existsSync(file)) continue;
    const where = `shaders/${id}/preset.json: workload.bindings[${i}] ("${b.name}")`;
    if (b.format !== 'rgba8unorm' && b.format !== 'rgba8unorm-srgb') {
      fail(`${where}: a picture fills rgba8unorm(-srgb) textures, not ${b.format}`);
    }
    let picture;
    try {
      picture = pngTexels(file);
    } catch (e) {
      fail(`shaders/${id}/${b.name}.png: ${e.message}`);
    }
    const size = b.size ?? [];
    if (size.length !== 2 || size[0] !== picture.width || size[1] !== picture.height) {
      fail(`${where}: size must be [${picture.width}, ${picture.height}], the size of ${b.name}.png`);
    }
    b.init = { base64: Buffer.from(picture.rgba).toString('base64') };
  }
}

const entries = [];
for (const d of readdirSync(SHADERS, { withFileTypes: true })) {
  if (!d.isDirectory()) continue;
  const id = d.name;
  const dir = join(SHADERS, id);
  if (!existsSync(join(dir, 'preset.json'))) continue;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(`shaders/${id}: folder names are lowercase-with-dashes ids`);
  let preset;
  let raw;
  try {
    raw = JSON.parse(readFileSync(join(dir, 'preset.json'), 'utf8'));
    fillPictures(raw, dir, id);
    preset = parsePreset(raw);
  } catch (e) {
    fail(`shaders/${id}/preset.json: ${e.message}`);
  }
  const wgslFile = preset.workload.wgslFile;
  if (typeof wgslFile !== 'string' || !existsSync(join(dir, wgslFile))) {
    fail(`shaders/${id}/preset.json: workload.wgslFile must name a .wgsl file in the folder`);
  }
  for (const f of ['README.md', 'reference.ts']) {
    if (!existsSync(join(dir, f))) fail(`shaders/${id}: ${f} is missing`);
  }
  const wgsl = readFileSync(join(dir, wgslFile), 'utf8');
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  let workload;
  try {
    workload = resolvePreset(preset, wgsl);
  } catch (e) {
    fail(`shaders/${id}/preset.json at the default parameters: ${e.message}`);
  }
  entries.push({ id, wgslFile, preset, raw, wgsl, readme, workload });
}

const rank = (e) => PRESET_CATEGORIES.indexOf(e.preset.category);
entries.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));

const files = new Map();
const body = entries
  .map(
    (e) =>
      `  {\n    id: ${JSON.stringify(e.id)},\n    wgslFile: ${JSON.stringify(e.wgslFile)},\n` +
      `    preset: ${JSON.stringify(e.raw)},\n    wgsl: ${JSON.stringify(e.wgsl)},\n` +
      `    readme: ${JSON.stringify(e.readme)},\n  },\n`,
  )
  .join('');
files.set(
  join(SHADERS, 'index.generated.ts'),
  biomeFormat(
    `// Generated by scripts/gen-shader-index.mjs from shaders/*/ (preset.json, WGSL, README.md). Do not edit:\n` +
      `// change the folders and run \`node scripts/gen-shader-index.mjs\`.\n\n` +
      `export interface GeneratedPreset {\n  id: string;\n  wgslFile: string;\n  preset: unknown;\n  wgsl: string;\n  readme: string;\n}\n\n` +
      `export const GENERATED_PRESETS: readonly GeneratedPreset[] = [\n${body}];\n`,
    'shaders/index.generated.ts',
  ),
);
const ident = (id) => `ref_${id.replace(/-/g, '_')}`;
files.set(
  join(SHADERS, 'references.generated.ts'),
  biomeFormat(
    `// Generated by scripts/gen-shader-index.mjs: every preset's reference (shaders/<id>/reference.ts). Do not edit.\n\n` +
      [
        [`./lib/reference-kit`, `import type { PresetReference } from './lib/reference-kit';\n`],
        ...entries.map((e) => [
          `./${e.id}/reference`,
          `import { reference as ${ident(e.id)} } from './${e.id}/reference';\n`,
        ]),
      ]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map((x) => x[1])
        .join('') +
      `\nexport const REFERENCES: Readonly<Record<string, PresetReference>> = {\n` +
      entries.map((e) => `  ${JSON.stringify(e.id)}: ${ident(e.id)},\n`).join('') +
      `};\n`,
    'shaders/references.generated.ts',
  ),
);
for (const e of entries) {
  const { name, wgsl: _wgsl, ...rest } = e.workload;
  const json = JSON.stringify({ $schema: WORKLOAD_SCHEMA, name, wgslFile: e.wgslFile, ...rest });
  files.set(join(SHADERS, e.id, 'workload.json'), biomeFormat(`${json}\n`, `shaders/${e.id}/workload.json`));
}

const stale = [];
for (const [path, text] of files) {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (old === text) continue;
  stale.push(path.slice(ROOT.length + 1));
  if (!check) writeFileSync(path, text);
}
if (check) {
  if (stale.length) fail(`out of date (run node scripts/gen-shader-index.mjs):\n  ${stale.join('\n  ')}`);
  process.stdout.write(`gen-shader-index: ${entries.length} presets up to date\n`);
} else {
  process.stdout.write(
    `gen-shader-index: ${entries.length} presets; ${stale.length ? `wrote ${stale.join(', ')}` : 'nothing changed'}\n`,
  );
}
