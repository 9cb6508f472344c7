/**
 * `npm run daemon-bundle`: the daemon alone, for a GPU box that should not install the web app's
 * dependencies (docs/hosts.md, "A Linux GPU box"). Writes, under .daemon-bundle/ (git-ignored) or
 * --out DIR:
 *   duet-daemon/                     the install, laid out like the checkout (daemon-bundle-layout.ts)
 *     daemon/duet-daemon.mjs         cli/daemon-main.ts and everything it imports (daemon, translator,
 *                                    zod, …) bundled by esbuild into one file: no node_modules needed
 *     daemon/executor/               the executor's C++ sources, tests and CMakeLists.txt
 *     compiler/preludes/*.h          the CPU/CUDA preludes the executor's unit tests include
 *     scripts/build-executor.mjs     builds the executor there (g++ or clang++; cmake when present)
 *     deploy/duet-daemon.service     the systemd unit; install.sh puts it in place
 *     install.sh                     copy to /opt/duet-daemon, build, token, enable the unit
 *     docs/hosts.md, package.json    what to install and how to check it; name and version
 *     manifest.json                  every bundled source and copied file with its sha256, the commit
 *   duet-daemon-<version>.tar.gz     the same folder, packed
 *   npx tsx scripts/daemon-bundle.ts [--out DIR]
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLE_ENTRY, INSTALL_DIR } from './daemon-bundle-layout';
import { filesUnder, sha256File } from './gpu-kit-sources';
import { sourceRevision } from './source-revision';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
if (outArg >= 0 && !args[outArg + 1])
  fail('--out needs a folder: npx tsx scripts/daemon-bundle.ts --out DIR');
const out = outArg >= 0 ? args[outArg + 1]! : join(root, '.daemon-bundle');
const folder = join(out, 'duet-daemon');

function fail(message: string): never {
  console.error(`[daemon-bundle] ${message}`);
  process.exit(1);
}

/** Checkout files the install needs besides the bundle, at the same paths. */
const COPIED = [
  ...['daemon/executor/src', 'daemon/executor/tests'].flatMap((f) => filesUnder(root, f)),
  ...filesUnder(root, 'compiler/preludes').filter((f) => f.endsWith('.h')),
  'daemon/executor/CMakeLists.txt',
  'daemon/executor/binary-platform.mjs',
  'scripts/build-executor.mjs',
  'deploy/duet-daemon.service',
  'docs/hosts.md',
];

rmSync(folder, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [join(root, 'cli/daemon-main.ts')],
  outfile: join(folder, BUNDLE_ENTRY),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).map((p) => p.split(/[\\/]/).join('/'));
const own = inputs.filter((p) => !p.startsWith('..') && !p.split('/').includes('node_modules'));
// The daemon-only promise: nothing of the web app (app/, server/) and no browser runner.
const webApp = own.filter((p) => /^(app|server)\//.test(p) || p === 'cli/webgpu.ts');
if (webApp.length) fail(`the daemon bundle pulled in web-app code: ${webApp.join(', ')}`);
// import.meta.url in the bundle is daemon/duet-daemon.mjs: right for a source one folder deep
// (daemon/, cli/, compiler/: '../x' and './x' keep their meaning), wrong anywhere else.
for (const p of own) {
  if (readFileSync(join(root, p), 'utf8').includes('import.meta') && p.split('/').length !== 2)
    fail(`${p} uses import.meta but is not one folder deep: its relative paths would break in the bundle`);
}

for (const f of COPIED) {
  mkdirSync(dirname(join(folder, f)), { recursive: true });
  copyFileSync(join(root, f), join(folder, f));
}
copyFileSync(join(root, 'deploy/install-daemon.sh'), join(folder, 'install.sh'));
chmodSync(join(folder, 'install.sh'), 0o755);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  engines?: unknown;
};
writeFileSync(
  join(folder, 'package.json'),
  `${JSON.stringify(
    {
      name: 'duet-daemon',
      version: pkg.version,
      private: true,
      description: `Duet daemon only: node ${BUNDLE_ENTRY} daemon --help (install: sudo ./install.sh -> ${INSTALL_DIR})`,
      engines: { node: '>=20' },
    },
    null,
    2,
  )}\n`,
);
const sources = [...own, ...COPIED, 'deploy/install-daemon.sh'].sort();
writeFileSync(
  join(folder, 'manifest.json'),
  `${JSON.stringify(
    {
      revision: sourceRevision(root),
      node: process.version,
      packages: [...new Set(inputs.filter((p) => p.includes('node_modules/')).map(packageOf))].sort(),
      files: Object.fromEntries(sources.map((p) => [p, sha256File(join(root, p))])),
    },
    null,
    1,
  )}\n`,
);
const tarball = join(out, `duet-daemon-${pkg.version}.tar.gz`);
const tar = spawnSync('tar', ['-czf', tarball, '-C', out, 'duet-daemon'], { stdio: 'inherit' });
if (tar.status !== 0) fail(`tar failed (exit ${tar.status ?? tar.signal})`);
console.log(`[daemon-bundle] ${folder}\n[daemon-bundle] ${tarball}`);

/** "zod" for node_modules/zod/lib/x.js, "@scope/name" for scoped packages. */
function packageOf(path: string): string {
  const parts = path.split('node_modules/').pop()!.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}
