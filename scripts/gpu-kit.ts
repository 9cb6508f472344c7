/**
 * `npm run gpu-kit`: packs `npm run verify:gpu` for an NVIDIA machine that has no npm registry and
 * maybe no Node (a lab server off the internet, a rented GPU box, the project's lent device machine).
 * Writes .gpu-kit/ in the checkout (git-ignored):
 *   verify.mjs     scripts/gpu-verify.ts and everything it imports (translator, daemon, comparison)
 *                  bundled by esbuild into one file that needs no node_modules
 *   manifest.json  the sha256 of every source file bundled and of every checkout file the kit reads
 *                  at run time (scripts/gpu-kit-sources.ts), the commit, the Node it was built with
 *   run.sh         the one command to run there (scripts/gpu-kit-run.sh): picks a Node, builds the
 *                  executor there (g++/cmake, the CUDA toolkit's own NVRTC), runs the verification
 *   node.gz        this machine's Node binary, gzipped, for a machine without Node ≥ 20
 *                  (skip with --no-node; never packed off Linux, where it could not run there)
 * The kit reads the corpus, the preludes, the executor's C++ sources and package.json from the
 * checkout it sits in, so copy the checkout with the kit (tracked files are enough). verify.mjs
 * refuses to run when any of those or of the bundled sources differ from the ones it was built from
 * (scripts/gpu-kit-launch.ts), so a stale kit cannot report on code it does not contain.
 *
 *   npm run gpu-kit [-- --no-node] [-- --kit DIR]   (DIR: a folder directly inside the checkout the kit
 *                                                   will run from; .gpu-kit by default)
 */
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as esbuild from 'esbuild';
import { filesUnder, KIT_CHECKOUT_FILES, KIT_CHECKOUT_FOLDERS, sha256File } from './gpu-kit-sources';
import { sourceRevision } from './source-revision';

const root = join(import.meta.dirname, '..');

const args = process.argv.slice(2);
const kitArg = args.indexOf('--kit');
if (kitArg >= 0 && !args[kitArg + 1]) fail('--kit needs a folder: npm run gpu-kit -- --kit DIR');
const kit = kitArg >= 0 ? args[kitArg + 1]! : join(root, '.gpu-kit');
// A Node for Linux on this CPU runs on the GPU machine only if that is one too (run.sh checks it).
const withNode = !args.includes('--no-node') && process.platform === 'linux';

function fail(message: string): never {
  console.error(`[gpu-kit] ${message}`);
  process.exit(1);
}

/** The files a kit folder holds: what this script writes, and run.sh's working folders. */
const isKitFile = (name: string) =>
  ['verify.mjs', 'manifest.json', 'run.sh', 'node.gz'].includes(name) || /^run\.\w+$/.test(name);

/**
 * Only ever replaces an earlier kit: a folder that holds anything else (the checkout, an app's
 * public/ that happens to have a manifest.json) is refused, not emptied.
 */
function clearKitFolder(): void {
  if (!existsSync(kit)) return;
  if (!statSync(kit).isDirectory())
    fail(`${kit} is a file, not a folder: name a new folder inside the checkout`);
  const others = readdirSync(kit).filter((f) => !isKitFile(f));
  if (others.length > 0) {
    fail(
      `${kit} holds ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}, which no kit writes: name a new folder inside the checkout`,
    );
  }
  rmSync(kit, { recursive: true, force: true });
}

/**
 * The bundle lives in <checkout>/.gpu-kit/, one folder below the checkout. Modules that find files
 * beside themselves (`new URL('../package.json', import.meta.url)`, `import.meta.dirname`) get the
 * path they had in the checkout, resolved against the checkout the kit sits in at run time.
 */
const BANNER = [
  "import { createRequire as __kitCreateRequire } from 'node:module';",
  "import { dirname as __kitDirname, join as __kitJoin } from 'node:path';",
  "import { fileURLToPath as __kitToPath, pathToFileURL as __kitToUrl } from 'node:url';",
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  'const require = __kitCreateRequire(import.meta.url);',
  'const __kitRoot = __kitJoin(__kitDirname(__kitToPath(import.meta.url)), "..");',
  'const __kitUrl = (rel) => __kitToUrl(__kitJoin(__kitRoot, rel)).href;',
  'const __kitDir = (rel) => __kitJoin(__kitRoot, rel);',
].join('\n');

const checkoutPaths: esbuild.Plugin = {
  name: 'checkout-relative import.meta',
  setup(build: esbuild.PluginBuild) {
    build.onLoad({ filter: /\.(ts|tsx|mts|mjs|js)$/ }, (a) => {
      const rel = relative(root, a.path);
      if (rel.startsWith('..') || rel.split(/[\\/]/).includes('node_modules')) return undefined;
      const text = readFileSync(a.path, 'utf8')
        .replaceAll('import.meta.url', `__kitUrl(${JSON.stringify(rel)})`)
        .replaceAll('import.meta.dirname', `__kitDir(${JSON.stringify(dirname(rel))})`);
      // Any other import.meta (filename, resolve) would name the bundle, not this file: say so now
      // rather than ship a kit that looks in the wrong place.
      const left = /import\.meta\.?\w*/.exec(text);
      if (left) {
        return { errors: [{ text: `${left[0]} is not rewritten for the kit (only .url and .dirname are)` }] };
      }
      const ext = extname(a.path).slice(1);
      return {
        contents: text,
        loader: (ext === 'mts' ? 'ts' : ext === 'mjs' ? 'js' : ext) as esbuild.Loader,
      };
    });
  },
};

/**
 * cli/webgpu.ts (headless Chromium through playwright-core, bundling with esbuild) is what
 * `--backend webgpu` loads, by a dynamic import; the verification never takes that path. Left out,
 * the import stays dynamic, so the kit needs neither package.
 */
const withoutChromium: esbuild.Plugin = {
  name: 'without the webgpu side',
  setup(build: esbuild.PluginBuild) {
    build.onResolve({ filter: /^\.\/webgpu$/ }, (a) =>
      relative(root, a.importer) === join('cli', 'side-runner.ts')
        ? { path: a.path, external: true }
        : undefined,
    );
  },
};

clearKitFolder();
mkdirSync(kit, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [join(root, 'scripts/gpu-kit-launch.ts')],
  outfile: join(kit, 'verify.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: BANNER },
  plugins: [checkoutPaths, withoutChromium],
  metafile: true,
  logLevel: 'warning',
});

const bundled = Object.keys(result.metafile.inputs)
  .map((p) => p.split(/[\\/]/).join('/'))
  .filter((p) => !p.startsWith('..') && !p.split('/').includes('node_modules'));
const readAtRunTime = [
  ...KIT_CHECKOUT_FOLDERS.flatMap((folder) => filesUnder(root, folder)),
  ...KIT_CHECKOUT_FILES,
];
const inputs = Object.fromEntries(
  [...new Set([...bundled, ...readAtRunTime])].sort().map((p) => [p, sha256File(join(root, p))]),
);
// What verify.mjs checks the checkout against before it runs (scripts/gpu-kit-launch.ts).
const manifest = {
  builtAt: new Date().toISOString(),
  revision: sourceRevision(root),
  node: process.version,
  folders: KIT_CHECKOUT_FOLDERS,
  inputs,
};
writeFileSync(join(kit, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'scripts/gpu-kit-run.sh'), join(kit, 'run.sh'));
chmodSync(join(kit, 'run.sh'), 0o755);
if (withNode) {
  await pipeline(createReadStream(process.execPath), createGzip(), createWriteStream(join(kit, 'node.gz')));
}
const size = (f: string) => `${(statSync(join(kit, f)).size / 2 ** 20).toFixed(1)} MiB`;
console.error(
  `[gpu-kit] wrote ${relative(process.cwd(), kit) || '.'}: verify.mjs (${size('verify.mjs')}, ${Object.keys(inputs).length} sources), run.sh${withNode ? `, node.gz (${process.version}, ${size('node.gz')})` : ''}`,
);
console.error(
  '[gpu-kit] there, from the checkout: sh .gpu-kit/run.sh [--only 000,preset/saxpy] [--out FILE]',
);
