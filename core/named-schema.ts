/**
 * A zod schema for an object keyed by user-chosen names (binding names, struct member names).
 * `z.record` builds its result with `out[key] = value`, so a key `__proto__` sets the result's
 * prototype and is gone; this one validates each value and collects them into a prototype-free
 * object (core/named.ts), so every key the input had as its own is kept.
 */
import { z } from 'zod';
import { namedRecord } from './named';

export function namedRecordSchema<T>(value: z.ZodType<T>): z.ZodType<Record<string, T>> {
  const schema = z.unknown().transform((input, ctx) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: 'must be an object of names to values' });
      return z.NEVER;
    }
    const out = namedRecord<T>();
    for (const [k, v] of Object.entries(input)) {
      const r = value.safeParse(v);
      if (r.success) out[k] = r.data;
      else
        for (const i of r.error.issues)
          ctx.addIssue({ code: 'custom', message: i.message, path: [k, ...i.path] });
    }
    return out;
  });
  return schema as unknown as z.ZodType<Record<string, T>>;
}
