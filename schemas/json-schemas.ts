/**
 * The JSON Schemas of Duet's files, from the one zod definition of each (core/workload.ts,
 * core/preset.ts, core/workshop/lesson.ts) by zod 4's `z.toJSONSchema`, so editors validate and
 * complete shaders/<id>/workload.json, preset.json and lessons/*.json (they name them by
 * `"$schema"`). Written to schemas/*.schema.json by `npm run schemas` (scripts/gen-schemas.mjs); a
 * test fails when those files are stale. Draft-07: the draft editors' JSON language services support best.
 *
 * What JSON Schema cannot say is left to zod (cross-field rules such as "a uniform cannot be an
 * output", finite numbers): a file the schema accepts may still get a positioned error from
 * `duet run`, never the reverse.
 */
import { z } from 'zod';
import { presetSchema } from '../core/preset';
import { workloadSchema } from '../core/workload';
import { lessonSchema } from '../core/workshop/lesson';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

/** The schema of what the caller writes (defaults optional), as draft-07 JSON. */
function fromZod(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
}

/**
 * A workload *file* (core/workload-file.ts loadWorkloadFile): the WGSL inline in `wgsl`, or named by
 * the file-only `wgslFile` relative to the file — exactly one of them.
 */
function workloadFileSchema(): JsonSchema {
  const s = fromZod(workloadSchema);
  s.properties = {
    ...s.properties,
    wgslFile: {
      type: 'string',
      minLength: 1,
      description: 'The WGSL source file, relative to this file (instead of `wgsl`).',
    },
  };
  s.required = (s.required ?? []).filter((k) => k !== 'wgsl');
  s.oneOf = [{ required: ['wgsl'] }, { required: ['wgslFile'] }];
  return s;
}

/** File name under schemas/ → its JSON Schema. */
export function jsonSchemas(): Record<string, JsonSchema> {
  return {
    'workload.schema.json': workloadFileSchema(),
    'preset.schema.json': fromZod(presetSchema),
    'lesson.schema.json': fromZod(lessonSchema),
  };
}
