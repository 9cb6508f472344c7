#!/usr/bin/env node
/**
 * The import rules of the house (docs/contracts.md "Layers"), checked over the TypeScript sources:
 * `core/` and `compiler/` import nothing from `app/`, `server/`, `daemon/`, `daemon-client/` or `cli/`;
 * the daemon client (`daemon-client/`) imports nothing of the daemon, the web server, the page or the
 * CLI (only core/); the page (`app/`) reaches daemons only through `server/`, never the daemon or its
 * client directly; and no relative imports go round in a cycle (type-only imports included: they still tie two modules together).
 * core/ and compiler/ also use relative imports only, no `#` import-map names: the translator's
 * identity hash (daemon/translator-identity.ts) follows relative imports, so a file reached through
 * the map would change the translator without changing its identity (stale cached translations).
 * Reads the files with a regular expression, not a compiler: fast enough to run with lint.
 * Exits 1 and lists every problem when a rule is broken.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set([
  'node_modules',
  '.next',
  '.git',
  'out',
  'dist',
  'build',
  'test-results',
  'playwright-report',
]);
const LOWER = ['core/', 'compiler/'];
const UPPER = ['app/', 'server/', 'daemon/', 'daemon-client/', 'cli/'];
/** For each folder (its code, not its tests): the folders it must not import. */
const FORBIDDEN = [
  { from: 'daemon-client/', to: ['app/', 'server/', 'daemon/', 'cli/'] },
  { from: 'app/', to: ['daemon/', 'daemon-client/'] },
];
function* sources(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** package.json `imports` (`#core/*` → `./core/*.ts`), so `#…` specifiers count as the files they name. */
const IMPORTS_MAP = Object.entries(
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports ?? {},
);

function resolveMapped(spec) {
  for (const [key, target] of IMPORTS_MAP) {
    const star = key.indexOf('*');
    if (star < 0 ? spec === key : spec.startsWith(key.slice(0, star)) && spec.endsWith(key.slice(star + 1))) {
      const middle = star < 0 ? '' : spec.slice(star, spec.length - (key.length - star - 1));
      const path = join(root, target.replace('*', middle));
      return existsSync(path) ? path : null;
    }
  }
  return null;
}

function resolveImport(from, spec) {
  if (spec.startsWith('#')) return resolveMapped(spec);
  const base = resolve(dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const js = base.replace(/\.m?js$/, '');
  for (const candidate of [`${js}.ts`, `${js}.mts`]) if (existsSync(candidate)) return candidate;
  return null;
}

const rel = (f) => relative(root, f);
const problems = [];
// Tests may drive the layers above (a corpus run through the daemon); the rules are for the code.
const isLowerCode = (from) => LOWER.some((l) => from.startsWith(l)) && !/\.test\.tsx?$/.test(from);

const graph = new Map();
for (const file of sources(root)) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const deps = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec?.startsWith('.') && !spec?.startsWith('#')) continue;
    if (spec.startsWith('#') && isLowerCode(rel(file)))
      problems.push(`${rel(file)} imports "${spec}": core/ and compiler/ import by relative path only`);
    const target = resolveImport(file, spec);
    if (target) deps.push(target);
  }
  graph.set(file, deps);
}

for (const [file, deps] of graph) {
  const from = rel(file);
  if (!isLowerCode(from)) continue;
  for (const dep of deps) {
    const to = rel(dep);
    if (UPPER.some((u) => to.startsWith(u))) problems.push(`${from} imports ${to} (a layer above it)`);
  }
}
for (const [file, deps] of graph) {
  const from = rel(file);
  if (/\.(test|spec)\.tsx?$/.test(from)) continue;
  for (const rule of FORBIDDEN.filter((r) => from.startsWith(r.from))) {
    for (const dep of deps) {
      const to = rel(dep);
      if (rule.to.some((t) => to.startsWith(t)))
        problems.push(`${from} imports ${to} (${rule.from} must not)`);
    }
  }
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
let index = 0;
const indexOf = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
function connect(v) {
  indexOf.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!indexOf.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(rel(w));
    } while (w !== v);
    const cycle = component.sort().join(' ⇄ ');
    if (component.length > 1) problems.push(`import cycle: ${cycle}`);
  }
}
for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);

if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(
  `imports: ${graph.size} files, no cycles, core/ and compiler/ import nothing above them, app/ reaches daemons only through server/`,
);
