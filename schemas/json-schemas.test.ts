/**
 * The JSON Schemas in schemas/ are current (what `npm run schemas` writes from the zod schemas), and
 * every shaders/<id>/*.json names the right one and validates against it with a real JSON Schema
 * validator (ajv, draft-07), as an editor would: the schemas work outside zod too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schemas';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const committed = (name: string) => read(join(ROOT, 'schemas', name));

const ajv = new Ajv({ allErrors: true, strict: false });
const validateWorkload = ajv.compile(committed('workload.schema.json'));
const validatePreset = ajv.compile(committed('preset.schema.json'));
const validateLesson = ajv.compile(committed('lesson.schema.json'));

const KINDS = {
  'workload.json': { schema: 'workload.schema.json', validate: validateWorkload },
  'preset.json': { schema: 'preset.schema.json', validate: validatePreset },
} as const;

const shaderJson = readdirSync(join(ROOT, 'shaders'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(ROOT, 'shaders', d.name))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join('shaders', d.name, f)),
  );

describe('schemas/', () => {
  it('the committed files are what `npm run schemas` writes now', () => {
    for (const [name, schema] of Object.entries(jsonSchemas()))
      expect(committed(name), `schemas/${name} is stale: run npm run schemas`).toEqual(schema);
  });

  it('say what they describe: a title, and a description on every top-level property', () => {
    for (const name of Object.keys(jsonSchemas())) {
      const s = committed(name) as { title?: string; properties: Record<string, { description?: string }> };
      expect(s.title).toMatch(/^Duet /);
      const undescribed = Object.entries(s.properties).filter(([, p]) => !p.description);
      expect(undescribed.map(([k]) => k)).toEqual([]);
    }
  });
});

describe('shaders/*/*.json', () => {
  it('there are workload and preset files to check', () => {
    expect(shaderJson.filter((f) => f.endsWith('/workload.json')).length).toBeGreaterThan(10);
    expect(shaderJson.filter((f) => f.endsWith('/preset.json')).length).toBeGreaterThan(10);
  });

  it.each(shaderJson)('%s names its schema and validates against it', (file) => {
    const kind = KINDS[file.split('/').pop() as keyof typeof KINDS];
    expect(kind, `${file}: no schema for this kind of file`).toBeDefined();
    const json = read(join(ROOT, file));
    expect(json.$schema).toBe(`../../schemas/${kind.schema}`);
    // The relative path resolves to the schema file itself, as an editor resolves it.
    expect(resolve(dirname(join(ROOT, file)), json.$schema as string)).toBe(
      join(ROOT, 'schemas', kind.schema),
    );
    const ok = kind.validate(json);
    expect(kind.validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('the workload schema refuses what duet run refuses', () => {
  const base = read(join(ROOT, 'shaders/saxpy/workload.json'));

  it('accepts the file as generated, with the WGSL inline instead of by file', () => {
    const { wgslFile: _file, ...inline } = base;
    expect(validateWorkload({ ...inline, wgsl: '@compute @workgroup_size(1) fn main() {}' })).toBe(true);
  });

  it('knows texture, storage-texture and sampler bindings and their fields', () => {
    const { wgslFile: _file, ...inline } = base;
    const bindings = [
      {
        group: 0,
        binding: 0,
        name: 'src',
        kind: 'texture',
        format: 'rgba8unorm',
        size: [64, 48],
        mipLevels: 2,
      },
      {
        group: 0,
        binding: 1,
        name: 'smp',
        kind: 'sampler',
        sampler: { filter: 'linear', addressMode: { u: 'repeat' } },
      },
      {
        group: 0,
        binding: 2,
        name: 'dst',
        kind: 'storage-texture',
        format: 'r32float',
        size: [4, 4, 2],
        dimension: '3d',
        access: 'read-write',
        output: true,
      },
    ];
    const wgsl = '@compute @workgroup_size(1) fn main() {}';
    expect(validateWorkload({ ...inline, wgsl, bindings })).toBe(true);
    const misspelt = [{ ...bindings[0], format: 'rgba9unorm' }];
    expect(validateWorkload({ ...inline, wgsl, bindings: misspelt })).toBe(false);
  });

  it.each([
    ['an unknown key', { ...base, dispatchh: [1, 1, 1] }],
    ['both wgsl and wgslFile', { ...base, wgsl: 'fn main() {}' }],
    ['neither wgsl nor wgslFile', (({ wgslFile: _f, ...r }) => r)(base)],
    [
      'a binding kind that does not exist',
      { ...base, bindings: [{ ...(base.bindings as object[])[0], kind: 'image' }] },
    ],
    ['a dispatch of two numbers', { ...base, dispatch: [1, 1] }],
  ])('refuses %s', (_what, json) => {
    expect(validateWorkload(json)).toBe(false);
  });
});

const lessonFiles = readdirSync(join(ROOT, 'lessons'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join('lessons', f));

describe('lessons/*.json', () => {
  it('there are shipped lessons to check', () => {
    expect(lessonFiles.length).toBeGreaterThanOrEqual(2);
  });

  it.each(lessonFiles)('%s names the lesson schema and validates against it', (file) => {
    const json = read(join(ROOT, file));
    expect(resolve(dirname(join(ROOT, file)), json.$schema as string)).toBe(
      join(ROOT, 'schemas', 'lesson.schema.json'),
    );
    expect(validateLesson(json)).toBe(true);
    expect(validateLesson.errors ?? []).toEqual([]);
  });

  it('the lesson schema refuses a misspelled field and a step without its check', () => {
    const base = read(join(ROOT, lessonFiles[0]!));
    const steps = base.steps as Record<string, unknown>[];
    expect(validateLesson({ ...base, titel: 'x' })).toBe(false);
    const { check: _check, ...noCheck } = steps[0]!;
    expect(validateLesson({ ...base, steps: [noCheck] })).toBe(false);
  });
});
