/**
 * The web app's environment (README "Configuration"), validated with zod in one place: a bad value
 * fails at start (instrumentation.ts, scripts/start.mjs) with the variable's name and what it must
 * be, never halfway through a request.
 *
 * `serverEnv()` parses `process.env` once and keeps the result while those variables keep their
 * values (tests point the server at a fresh daemon by setting DUET_DAEMONS between calls).
 */
import { z } from 'zod';

/** Set by scripts/web-server.mjs before it loads Next: x-duet-peer comes from the socket (server/trpc.ts). */
export const PEER_FROM_SOCKET_ENV = 'DUET_PEER_FROM_SOCKET';

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
      error: `must be ${what}: an http:// or https:// URL`,
    });

const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** Unset and empty mean the same (a shell's `VAR= npm start`). */
const optional = <T extends z.ZodType>(t: T) => z.preprocess(empty, t.optional());
const withDefault = <T extends z.ZodType>(t: T, value: z.util.NoUndefined<z.output<T>>) =>
  z.preprocess(empty, t.default(value));

const port = (lowest: number) =>
  z
    .string()
    .trim()
    .refine((s) => /^\d+$/.test(s) && Number(s) >= lowest && Number(s) <= 65535, {
      error: `must be a TCP port, ${lowest} to 65535`,
    })
    .transform(Number);

const serverEnvSchema = z.object({
  DUET_DAEMONS: optional(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(httpUrl('a comma-separated list of daemon URLs')))
      .transform((urls) => urls.map((u) => u.replace(/\/+$/, ''))),
  ),
  DUET_TOKEN: z.string().default(''),
  DATABASE_URL: optional(
    z
      .string()
      .refine((s) => /^postgres(ql)?:\/\//.test(s), { error: 'must be a postgres:// or postgresql:// URL' }),
  ),
  DUET_DATA_DIR: optional(z.string()),
  /** Turns on GET /metrics (server/metrics.ts) for callers sending it as a bearer token. */
  DUET_METRICS_TOKEN: optional(z.string()),
  /** Signs workshop student cookies (server/workshop/secrets.ts); else a key kept in the database. */
  DUET_WORKSHOP_SECRET: optional(z.string().min(32, { error: 'must be at least 32 characters' })),
  DUET_PUBLIC_URL: optional(
    httpUrl('the base URL browsers reach this server at').transform((s) => new URL(s)),
  ),
  [PEER_FROM_SOCKET_ENV]: optional(z.enum(['1'], { error: 'is set by scripts/web-server.mjs only, to 1' })),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** What `npm start` (scripts/start.mjs) reads on top of the app's own variables. */
const startEnvSchema = serverEnvSchema.extend({
  PORT: withDefault(port(0), 3000),
  HOST: withDefault(z.string(), '127.0.0.1'),
  DUET_BACKEND: withDefault(z.enum(['auto', 'cuda', 'cpu'], { error: 'must be auto, cuda or cpu' }), 'auto'),
  DUET_DAEMON_PORT: optional(port(1)),
  DUET_DAEMON_CONFIG: optional(z.string()),
});

export type StartEnv = z.infer<typeof startEnvSchema>;

/** A bad environment: every offending variable, its value and what it must be, one per line. */
export class EnvError extends Error {
  override name = 'EnvError';
}

type RawEnv = Record<string, string | undefined>;

function parse<S extends z.ZodType>(schema: S, env: RawEnv): z.infer<S> {
  const r = schema.safeParse(env);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => {
    const name = String(i.path[0] ?? '?');
    return `${name} ${i.message} (got ${JSON.stringify(env[name])})`;
  });
  throw new EnvError(`bad environment:\n  ${lines.join('\n  ')}`);
}

export const parseServerEnv = (env: RawEnv): ServerEnv => parse(serverEnvSchema, env);
export const parseStartEnv = (env: RawEnv): StartEnv => parse(startEnvSchema, env);

/** For a program's start: `parse()`'s result, or exit 2 with the problems on stderr. */
export function orExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    console.error(`duet: ${e.message}`);
    process.exit(2);
  }
}

let cached: { key: string; env: ServerEnv } | undefined;

/** The app's environment from `process.env`, validated; throws EnvError on a bad value. */
export function serverEnv(): ServerEnv {
  const key = JSON.stringify(Object.keys(serverEnvSchema.shape).map((k) => process.env[k]));
  if (cached?.key !== key) cached = { key, env: parseServerEnv(process.env) };
  return cached.env;
}
