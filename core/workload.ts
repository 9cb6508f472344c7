/**
 * The workload contract (v1): what both sides run. One zod schema, imported by the page, the web
 * server, the daemon and the CLI, so a workload that validates in one place validates everywhere.
 * See docs/contracts.md for the prose version; keep the two in step.
 */
import { z } from 'zod';
import { namedRecordSchema } from './named-schema';
import {
  dimensionOf,
  isTextureKind,
  STORAGE_ACCESSES,
  samplerSchema,
  TEXTURE_BINDING_KINDS,
  textureBindingIssues,
  textureDimensionSchema,
  textureFormatSchema,
  textureShapeOf,
  textureSizeSchema,
} from './texture-binding';
import { SAMPLER_BYTES, textureSlotBytes } from './texture-formats';

export const ELEMENT_TYPES = ['f32', 'i32', 'u32', 'f16', 'bytes'] as const;
/** Kinds backed by a buffer (uniform and storage); textures and samplers: core/texture-binding.ts. */
export const BUFFER_KINDS = ['uniform', 'storage-read', 'storage'] as const;
export const BINDING_KINDS = [...BUFFER_KINDS, ...TEXTURE_BINDING_KINDS] as const;

export type ElementType = (typeof ELEMENT_TYPES)[number];

/** Bytes per element; `bytes` counts single bytes (struct arrays, raw uniforms). */
export const ELEMENT_BYTES: Record<ElementType, number> = { f32: 4, i32: 4, u32: 4, f16: 2, bytes: 1 };

/** The values `init.data` and `init.fill` may hold for integer elements (floats: FLOAT_MAX). */
const INTEGER_RANGE: Partial<Record<ElementType, [number, number]>> = {
  i32: [-2147483648, 2147483647],
  u32: [0, 4294967295],
  bytes: [0, 255],
};

/** Largest finite value of each float element type (IEEE-754 binary32 and binary16). */
const FLOAT_MAX: Partial<Record<ElementType, number>> = { f32: 3.4028234663852886e38, f16: 65504 };

/** Bytes a (valid) base64 string decodes to. */
function base64Bytes(text: string): number {
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - pad;
}

/**
 * `"$schema"`: the JSON Schema a workload or preset file names for editors (schemas/, written from
 * these zod schemas by `npm run schemas`). Accepted so such files validate, and dropped on parsing.
 */
export const jsonSchemaRef = z
  .string()
  .optional()
  .describe(
    'The JSON Schema this file follows, for editors (e.g. "../../schemas/workload.schema.json"); ignored.',
  );

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const u32 = z.number().int().min(0).max(0xffffffff);

export const initSchema = z.union(
  [
    z.literal('zeros'),
    z.object({ fill: finite }).strict(),
    z.object({ iota: z.object({ start: finite, step: finite }).strict() }).strict(),
    z
      .object({
        random: z
          .object({ seed: u32, min: finite, max: finite })
          .strict()
          .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] }),
      })
      .strict(),
    z.object({ data: z.array(finite) }).strict(),
    z.object({ base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') }).strict(),
  ],
  {
    error:
      'init must be "zeros", {fill}, {iota: {start, step}}, {random: {seed, min, max}}, {data: [...]} or {base64}',
  },
);
export type Init = z.infer<typeof initSchema>;

export const toleranceSchema = z
  .object({
    ulp: z.number().int().min(0).optional(),
    abs: z.number().min(0).optional(),
    rel: z.number().min(0).optional(),
  })
  .strict();
export type Tolerance = z.infer<typeof toleranceSchema>;

/** Uniform struct members by name: numbers, arrays (vectors, matrix columns, fixed arrays), nested objects. */
export type FieldValue = number | boolean | FieldValue[] | { [member: string]: FieldValue };
export const fieldValueSchema: z.ZodType<FieldValue> = z.lazy(() =>
  z.union([finite, z.boolean(), z.array(fieldValueSchema), namedRecordSchema(fieldValueSchema)]),
);
/** By member name; kept whole whatever the names (core/named-schema.ts). */
export const fieldsSchema = namedRecordSchema(fieldValueSchema);

/** An image view of an output: how the page draws it. */
export const imageSchema = z
  .object({
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    format: z.enum(['rgba8', 'scalar']),
  })
  .strict();

export const bindingSchema = z
  .object({
    group: z.number().int().min(0).max(3).describe('@group(n) of the WGSL declaration.'),
    binding: z.number().int().min(0).max(999).describe('@binding(n) of the WGSL declaration.'),
    name: z.string().min(1).max(64).describe('Name shown in results; passes refer to the binding by it.'),
    kind: z
      .enum(BINDING_KINDS)
      .describe(
        'var<uniform>, var<storage, read>, var<storage, read_write>, a texture_* (texture), a texture_storage_* (storage-texture) or a sampler in the WGSL.',
      ),
    element: z
      .enum(ELEMENT_TYPES)
      .optional()
      .describe('Element type of a storage buffer (or "bytes" for a raw uniform).'),
    length: z.number().int().min(1).optional().describe('Number of elements of a storage buffer.'),
    init: initSchema
      .optional()
      .describe('Initial contents: "zeros", {fill}, {iota}, {random}, {data} or {base64}.'),
    fields: fieldsSchema
      .optional()
      .describe('A uniform by its struct members: name → number, boolean, array or nested object.'),
    output: z.boolean().optional().describe('Read back and compare this storage buffer after the run.'),
    tolerance: toleranceSchema.optional().describe('How far the two sides may differ: ulp, abs and/or rel.'),
    image: imageSchema.optional().describe('Show the output as an image of this size and format.'),
    format: textureFormatSchema.optional(),
    size: textureSizeSchema.optional(),
    dimension: textureDimensionSchema.optional(),
    mipLevels: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Mip levels of a sampled texture (default 1; storage textures have 1).'),
    access: z
      .enum(STORAGE_ACCESSES)
      .optional()
      .describe('A storage texture\'s access: "write", "read" or "read-write" (WGSL read_write).'),
    sampler: samplerSchema
      .optional()
      .describe("A sampler's filters and address modes (WebGPU defaults: nearest, clamp-to-edge)."),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (isTextureKind(b.kind)) {
      for (const i of textureBindingIssues(b)) ctx.addIssue({ code: 'custom', ...i });
      return;
    }
    for (const k of ['format', 'size', 'dimension', 'mipLevels', 'access', 'sampler'] as const)
      if (b[k] !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: `\`${k}\` is for textures and samplers, not ${b.kind} bindings`,
          path: [k],
        });
    if (b.kind === 'uniform') {
      if (b.fields && (b.element || b.init)) {
        ctx.addIssue({
          code: 'custom',
          message: 'a uniform takes either `fields` or raw `element`/`length`/`init`, not both',
          path: ['fields'],
        });
      }
      if (!b.fields && b.element && b.element !== 'bytes') {
        ctx.addIssue({
          code: 'custom',
          message: 'a raw uniform must use element "bytes"',
          path: ['element'],
        });
      }
      if (b.output)
        ctx.addIssue({ code: 'custom', message: 'a uniform cannot be an output', path: ['output'] });
    } else {
      if (b.fields)
        ctx.addIssue({ code: 'custom', message: '`fields` is only for uniform bindings', path: ['fields'] });
      if (!b.element)
        ctx.addIssue({
          code: 'custom',
          message: 'storage bindings need an `element` type',
          path: ['element'],
        });
      if (b.length === undefined)
        ctx.addIssue({ code: 'custom', message: 'storage bindings need a `length`', path: ['length'] });
    }
    if (b.output && b.kind === 'storage-read') {
      ctx.addIssue({
        code: 'custom',
        message: 'a read-only storage binding cannot be an output',
        path: ['output'],
      });
    }
    if (
      b.init &&
      typeof b.init === 'object' &&
      'data' in b.init &&
      b.length !== undefined &&
      b.init.data.length > b.length
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `data has ${b.init.data.length} values but length is ${b.length}`,
        path: ['init', 'data'],
      });
    }
    // Values the element type cannot hold would be wrapped or cut without a word (-1 as u32 is
    // 4294967295, 256 as a byte is 0): say which one instead.
    const given =
      b.init && typeof b.init === 'object'
        ? 'data' in b.init
          ? { values: b.init.data, perValue: true, path: ['init', 'data'] }
          : 'fill' in b.init
            ? { values: [b.init.fill], perValue: false, path: ['init', 'fill'] }
            : undefined
        : undefined;
    const range = b.element ? INTEGER_RANGE[b.element] : undefined;
    const floatMax = b.element ? FLOAT_MAX[b.element] : undefined;
    if (given && range) {
      const i = given.values.findIndex((v) => !Number.isInteger(v) || v < range[0] || v > range[1]);
      if (i >= 0)
        ctx.addIssue({
          code: 'custom',
          message: `${given.values[i]} does not fit ${b.element === 'bytes' ? 'a byte' : b.element} (${Number.isInteger(given.values[i]) ? '' : 'whole numbers '}${range[0]} to ${range[1]})`,
          path: given.perValue ? [...given.path, i] : given.path,
        });
    }
    if (given && floatMax) {
      // Beyond the largest finite value a float would silently become infinity.
      const i = given.values.findIndex((v) => Math.abs(v) > floatMax);
      if (i >= 0)
        ctx.addIssue({
          code: 'custom',
          message: `${given.values[i]} is beyond the largest ${b.element} (${floatMax})`,
          path: given.perValue ? [...given.path, i] : given.path,
        });
    }
    if (b.init && typeof b.init === 'object' && 'base64' in b.init && b.length !== undefined && b.element) {
      const bytes = base64Bytes(b.init.base64);
      const room = bindingBytes(b);
      if (bytes > room)
        ctx.addIssue({
          code: 'custom',
          message: `base64 holds ${bytes} bytes but the binding has ${room} (length ${b.length} × ${ELEMENT_BYTES[b.element]})`,
          path: ['init', 'base64'],
        });
    }
  });
export type Binding = z.infer<typeof bindingSchema>;

/** A workgroup count: one check, so -1 gets one message, not "≥ 0" and "≥ 1" both. */
const workgroups = z.number().int().min(1).max(0xffffffff);
const dispatchSchema = z.tuple([workgroups, workgroups, workgroups]);

export const passSchema = z
  .object({
    entryPoint: z.string().min(1).describe('The @compute function this pass runs.'),
    dispatch: dispatchSchema.describe('Workgroups in x, y, z.'),
    fields: namedRecordSchema(fieldsSchema)
      .optional()
      .describe("Per-pass uniform values: binding name → fields (merged over the binding's own fields)."),
    swap: z
      .tuple([z.string(), z.string()])
      .optional()
      .describe('Exchange two storage bindings (by name) after this pass: ping-pong.'),
  })
  .strict();
export type Pass = z.infer<typeof passSchema>;

export const workloadSchema = z
  .object({
    $schema: jsonSchemaRef,
    name: z.string().min(1).max(128).describe('Name of the workload (also the translated file name).'),
    wgsl: z.string().min(1).describe('The WGSL source.'),
    entryPoint: z
      .string()
      .min(1)
      .optional()
      .describe('The @compute function to run (single pass; or give `passes`).'),
    overrides: z
      .record(z.string(), finite)
      .optional()
      .describe('Values of WGSL `override` constants, by name.'),
    dispatch: dispatchSchema.optional().describe('Workgroups in x, y, z (single pass; or give `passes`).'),
    passes: z
      .array(passSchema)
      .min(1)
      .max(4096)
      .optional()
      .describe('Dispatches run in order, each with its entry point, workgroups, uniform fields and swap.'),
    bindings: z.array(bindingSchema).max(64).describe('Every buffer the kernel uses, with its contents.'),
    runs: z
      .object({
        warmup: z.number().int().min(0).max(1000),
        samples: z.number().int().min(1).max(10000),
        /**
         * Daemon side, CUDA: write twice the L2 size before every execution (outside the timed
         * region), so each sample starts with a cold L2. CPU emulation does not flush its caches.
         */
        flushL2: z.boolean().optional(),
        /**
         * Daemon side: allow FMA contraction (NVRTC --fmad=true, g++ -ffp-contract=fast). Off by
         * default, so float results stay comparable with the browser's (DESIGN: a visible option).
         */
        fma: z.boolean().optional(),
      })
      .strict()
      .default({ warmup: 2, samples: 10 })
      .describe('Untimed warmup executions and timed samples.'),
    /** Optional formulas evaluated by the page for GB/s and GFLOP/s. Plain numbers once resolved. */
    metrics: z
      .object({ bytes: z.number().min(0).optional(), flops: z.number().min(0).optional() })
      .strict()
      .optional()
      .describe('Bytes moved and flops computed by one execution, for GB/s and GFLOP/s.'),
  })
  .strict()
  .meta({
    title: 'Duet workload',
    description: 'One WGSL compute kernel with its buffers and dispatch (docs/contracts.md §1).',
  })
  .superRefine((w, ctx) => {
    const single = w.entryPoint !== undefined || w.dispatch !== undefined;
    if (single && w.passes) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either `entryPoint` + `dispatch` or `passes`, not both',
        path: ['passes'],
      });
    }
    if (!w.passes) {
      if (!w.entryPoint)
        ctx.addIssue({ code: 'custom', message: 'required (or give `passes`)', path: ['entryPoint'] });
      if (!w.dispatch)
        ctx.addIssue({ code: 'custom', message: 'required (or give `passes`)', path: ['dispatch'] });
    }
    const seenSlot = new Set<string>();
    const names = new Set<string>();
    w.bindings.forEach((b, i) => {
      const key = `${b.group}:${b.binding}`;
      if (seenSlot.has(key))
        ctx.addIssue({
          code: 'custom',
          message: `@group(${b.group}) @binding(${b.binding}) appears twice`,
          path: ['bindings', i],
        });
      seenSlot.add(key);
      if (names.has(b.name))
        ctx.addIssue({
          code: 'custom',
          message: `binding name "${b.name}" appears twice`,
          path: ['bindings', i, 'name'],
        });
      names.add(b.name);
    });
    w.passes?.forEach((p, i) => {
      p.swap?.forEach((n, j) => {
        const b = w.bindings.find((x) => x.name === n);
        if (!b)
          ctx.addIssue({
            code: 'custom',
            message: `no binding named "${n}"`,
            path: ['passes', i, 'swap', j],
          });
        else if (b.kind === 'uniform' || b.kind === 'sampler')
          ctx.addIssue({
            code: 'custom',
            message: `"${n}" is a ${b.kind}; only storage bindings and textures swap`,
            path: ['passes', i, 'swap', j],
          });
      });
      // Textures swap only with a texture of the same format and shape: the kernel reads both
      // through one header, and the browser rebinds one texture where the other was.
      const [a, b] = (p.swap ?? []).map((n) => w.bindings.find((x) => x.name === n));
      if (a && b && (isTextureKind(a.kind) || isTextureKind(b.kind))) {
        const shape = (x: Binding) =>
          `${x.kind === 'texture' || x.kind === 'storage-texture' ? 'texture' : x.kind} ${x.format} ${dimensionOf(x)} ${x.size?.join('x')} ${x.mipLevels ?? 1}`;
        if (a.kind !== 'sampler' && b.kind !== 'sampler' && shape(a) !== shape(b))
          ctx.addIssue({
            code: 'custom',
            message: `"${a.name}" and "${b.name}" must be textures of the same format, dimension, size and mip levels to swap`,
            path: ['passes', i, 'swap'],
          });
      } else if (
        // Swapping exchanges whole buffers: both sides must be the same size, or one would read past
        // its end (the backends disagreed on what such a run even means).
        a &&
        b &&
        a.kind !== 'uniform' &&
        b.kind !== 'uniform' &&
        bindingBytes(a) !== bindingBytes(b)
      )
        ctx.addIssue({
          code: 'custom',
          message: `"${a.name}" (${bindingBytes(a)} bytes) and "${b.name}" (${bindingBytes(b)} bytes) must be the same size to swap`,
          path: ['passes', i, 'swap'],
        });
      for (const n of Object.keys(p.fields ?? {})) {
        const b = w.bindings.find((x) => x.name === n);
        if (b?.kind !== 'uniform')
          ctx.addIssue({
            code: 'custom',
            message: `"${n}" is not a uniform binding`,
            path: ['passes', i, 'fields', n],
          });
      }
    });
    if (!w.bindings.some((b) => b.output)) {
      ctx.addIssue({
        code: 'custom',
        message: 'mark at least one storage binding or storage texture with "output": true',
        path: ['bindings'],
      });
    }
  });
export type Workload = Omit<z.infer<typeof workloadSchema>, '$schema'>;
export type WorkloadInput = z.input<typeof workloadSchema>;

/** One pass list for every workload: the single-pass shorthand becomes a one-element list. */
export function passesOf(w: Workload): Pass[] {
  if (w.passes) return w.passes;
  return [{ entryPoint: w.entryPoint!, dispatch: w.dispatch! }];
}

/** A positioned, human-readable workload error: `bindings[2].length: Expected number, received string`. */
export interface WorkloadIssue {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(workload)';
}

export type ParseResult = { ok: true; workload: Workload } | { ok: false; issues: WorkloadIssue[] };

/**
 * Deepest JSON nesting a workload may have. Its own shape is a few levels deep, and uniform `fields`
 * follow a WGSL type, whose composites nest at most 15 deep (WGSL section 2.4 "Limits"); a deeper
 * body is an attack or a mistake, and the schema's recursive check would run out of stack on it.
 */
export const MAX_WORKLOAD_DEPTH = 32;

/**
 * The path to the first value nested deeper than `max` levels, or null; iterative, any depth. Only
 * objects and arrays are visited: a 30-million-number `init.data` costs one pass over the array.
 */
export function tooDeep(input: unknown, max = MAX_WORKLOAD_DEPTH): (string | number)[] | null {
  const stack: { value: object; path: (string | number)[] }[] = [];
  if (typeof input === 'object' && input !== null) stack.push({ value: input, path: [] });
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length >= max) return path;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === 'object' && v !== null) stack.push({ value: v, path: [...path, i] });
      }
    } else {
      for (const k in value) {
        const v: unknown = (value as Record<string, unknown>)[k];
        if (typeof v === 'object' && v !== null) stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return null;
}

export function parseWorkload(input: unknown): ParseResult {
  const deep = tooDeep(input);
  if (deep) {
    return {
      ok: false,
      issues: [{ path: formatPath(deep), message: `nested more than ${MAX_WORKLOAD_DEPTH} levels deep` }],
    };
  }
  const r = workloadSchema.safeParse(input);
  if (r.success) {
    const { $schema: _forEditors, ...workload } = r.data;
    return { ok: true, workload };
  }
  return { ok: false, issues: r.error.issues.flatMap((i) => specificIssues(i, [])) };
}

/** A zod issue, or one of a union's branches (zod 4's `invalid_union` carries them all). */
interface AnyIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: AnyIssue[][];
}

/**
 * The issues a person can act on. A union (`init`, `fields`) that matches no branch says only
 * "Invalid input"; the branch the value was meant for is the one whose keys it uses (no
 * unrecognized key) and that got furthest into it (deepest path), so its issues are reported,
 * e.g. `init.data[0]: expected number, received string` for `{data: ["a"]}`.
 */
function specificIssues(issue: AnyIssue, prefix: PropertyKey[]): WorkloadIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const depth = (branch: AnyIssue[]) => Math.max(...branch.map((i) => i.path.length));
    const meant = issue.errors
      .filter((b) => b.length > 0 && !b.some((i) => i.code === 'unrecognized_keys'))
      .sort((a, b) => depth(b) - depth(a))[0];
    if (meant && depth(meant) > 0) return meant.flatMap((i) => specificIssues(i, path));
  }
  return [{ path: formatPath(path), message: issue.message }];
}

export function describeIssues(issues: WorkloadIssue[]): string {
  return issues.map((i) => `invalid workload: ${i.path}: ${i.message}`).join('\n');
}

/** Byte size of a non-uniform binding (and of raw uniforms); a texture's or sampler's whole slot. */
export function bindingBytes(b: Binding): number {
  if (b.kind === 'sampler') return SAMPLER_BYTES;
  if (b.kind === 'texture' || b.kind === 'storage-texture') return textureSlotBytes(textureShapeOf(b));
  return (b.length ?? 0) * ELEMENT_BYTES[b.element ?? 'bytes'];
}
