// `npm test`: every suite the project has, in order, then one summary line `N passed, N failed`.
// Suites: typecheck, lint, C++ executor unit tests, vitest (unit + daemon integration), Playwright e2e
// in Debian Chromium with real WebGPU. Each suite runs even when an earlier one failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root, run } from './lib.mjs';

const only = process.argv.slice(2); // e.g. `npm test -- vitest e2e`
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const totals = [];
// Names of failed tests, repeated in the summary: CI shows only the tail of the log.
const failures = [];

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function firstLine(messages) {
  const text =
    (messages ?? [])
      .join('\n')
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return text.trim().slice(0, 300);
}

function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected') {
          const result = test.results?.at(-1);
          failures.push(
            `e2e ${[...path, spec.title].join(' › ')}: ${firstLine([result?.error?.message ?? ''])}`,
          );
        }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

const suites = {
  async typecheck() {
    const code = await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
    return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  },
  async lint() {
    // Biome, the import layering, knip (unused files, exports, packages), plus the generated files
    // (prelude text for the translator, the preset registry) being in step with their sources.
    const checks = [
      ['node_modules/@biomejs/biome/bin/biome', 'check', '.'],
      ['scripts/check-imports.mjs'],
      ['node_modules/knip/bin/knip.js'],
      ['scripts/gen-preludes.mjs', '--check'],
      ['scripts/gen-shader-index.mjs', '--check'],
    ];
    let passed = 0;
    for (const args of checks) if ((await run(process.execPath, args)) === 0) passed++;
    return { passed, failed: checks.length - passed };
  },
  async executor() {
    // Builds the executor and its C++ unit tests; the test binary ends with `executor: N passed, N failed`.
    if ((await run(process.execPath, ['scripts/build-executor.mjs', '--quiet'])) !== 0)
      return { passed: 0, failed: 1 };
    const r = spawnSync(join(root, 'daemon/executor/build/duet-executor-tests'), { encoding: 'utf8' });
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(r.stdout ?? '');
    if (!m) return { passed: 0, failed: 1 };
    const failed = Number(m[2]) + (r.status !== 0 && m[2] === '0' ? 1 : 0);
    // The other toolchains and CPUs (docs/hosts.md): clang++/libc++, aarch64 under qemu-user, Mach-O.
    const t = spawnSync(process.execPath, ['scripts/executor-toolchains.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    process.stdout.write(t.stdout ?? '');
    process.stderr.write(t.stderr ?? '');
    const tm = /toolchains: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(t.stdout ?? '') ?? [0, 0, 1, 0];
    return {
      passed: Number(m[1]) + Number(tm[1]),
      failed: failed + Number(tm[2]),
      skipped: Number(m[3] ?? 0) + Number(tm[3]),
    };
  },
  async vitest() {
    const out = join(reports, 'vitest.json');
    rmSync(out, { force: true });
    const code = await run(process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ]);
    const r = readJson(out);
    if (!r) return { passed: 0, failed: 1 };
    const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
    for (const file of r.testResults ?? [])
      for (const t of file.assertionResults ?? [])
        if (t.status === 'failed')
          failures.push(
            `vitest ${relative(root, file.name)} › ${t.fullName}: ${firstLine(t.failureMessages)}`,
          );
    return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
  },
  async e2e() {
    const out = join(reports, 'playwright.json');
    rmSync(out, { force: true });
    const code = await run(
      process.execPath,
      ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'],
      {
        env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
      },
    );
    const r = readJson(out);
    if (!r?.stats) return { passed: 0, failed: 1 };
    const failed = r.stats.unexpected + (code !== 0 && r.stats.unexpected === 0 ? 1 : 0);
    collectPlaywrightFailures(r.suites ?? [], []);
    return { passed: r.stats.expected + r.stats.flaky, failed, skipped: r.stats.skipped };
  },
};

for (const [name, suite] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n━━ ${name} ━━`);
  const r = await suite();
  totals.push({ name, ...r });
  console.log(
    `━━ ${name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
}

if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log('\nSuites:');
for (const t of totals) console.log(`  ${t.name.padEnd(10)} ${t.passed} passed, ${t.failed} failed`);
const passed = totals.reduce((n, t) => n + t.passed, 0);
const failed = totals.reduce((n, t) => n + t.failed, 0);
const skipped = totals.reduce((n, t) => n + (t.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
