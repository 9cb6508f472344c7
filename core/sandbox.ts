/**
 * Wall 3 (docs/security.md, "Wall 3: the operating-system sandbox"): which parts of the executor's
 * operating-system sandbox are up. The executor reports them in its `ready` frame
 * (docs/contracts.md §4), the daemon logs them at start and GET /v1/info returns them; `duet daemon
 * --require-sandbox` refuses to start unless every one is up.
 */

export const SANDBOX_WALLS = [
  'seccomp',
  'landlock',
  'noNewPrivs',
  'uid',
  'netns',
  'rlimits',
  'compilerSeparated',
] as const;

export type SandboxWall = (typeof SANDBOX_WALLS)[number];

export type SandboxWalls = Record<SandboxWall, boolean> & {
  /** Why a wall is down, or what it is ("uid: dropped from root to 65534", "landlock ABI 7"). */
  notes: string[];
};

/** The walls of an executor's `ready` frame; an executor that reports none has every wall down. */
export function parseSandboxWalls(value: unknown): SandboxWalls {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const walls = { notes: [] as string[] } as SandboxWalls;
  for (const k of SANDBOX_WALLS) walls[k] = v[k] === true;
  if (Array.isArray(v.notes))
    walls.notes = v.notes.filter((n): n is string => typeof n === 'string').slice(0, 32);
  if (!value) walls.notes.push('the executor reported no sandbox');
  return walls;
}

export function wallsDown(w: SandboxWalls): SandboxWall[] {
  return SANDBOX_WALLS.filter((k) => !w[k]);
}

/** "all up (…notes)" or "down: landlock, netns (…notes)": one line for a log. */
export function describeWalls(w: SandboxWalls): string {
  const down = wallsDown(w);
  const head = down.length
    ? `up: ${SANDBOX_WALLS.filter((k) => w[k]).join(', ') || 'none'}; DOWN: ${down.join(', ')}`
    : `all up (${SANDBOX_WALLS.join(', ')})`;
  return w.notes.length ? `${head} — ${w.notes.join('; ')}` : head;
}
