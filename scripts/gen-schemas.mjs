#!/usr/bin/env node
/**
 * `npm run schemas`: writes schemas/{workload,preset,lesson}.schema.json from the zod
 * schemas (schemas/json-schemas.ts), formatted as `biome check` wants them.
 *   node scripts/gen-schemas.mjs           write the files
 *   node scripts/gen-schemas.mjs --check   exit 1 (and name the files) when any is out of date
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { root } from './lib.mjs';

const check = process.argv.includes('--check');
const { jsonSchemas } = await tsImport('../schemas/json-schemas.ts', import.meta.url);

function biomeFormat(text, virtualPath) {
  const bin = join(root, 'node_modules', '.bin', 'biome');
  const r = spawnSync(bin, ['format', `--stdin-file-path=${virtualPath}`], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`biome format ${virtualPath} failed:\n${r.stderr}`);
  return r.stdout;
}

const stale = [];
for (const [name, schema] of Object.entries(jsonSchemas())) {
  const rel = `schemas/${name}`;
  const text = biomeFormat(`${JSON.stringify(schema, null, 2)}\n`, rel);
  const path = join(root, rel);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
  stale.push(rel);
  if (!check) writeFileSync(path, text);
}
if (check && stale.length) {
  process.stderr.write(`gen-schemas: out of date (run npm run schemas):\n  ${stale.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(
  `gen-schemas: ${stale.length ? `${check ? 'stale' : 'wrote'} ${stale.join(', ')}` : 'up to date'}\n`,
);
