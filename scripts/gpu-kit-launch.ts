/**
 * Entry of the GPU kit's verify.mjs (scripts/gpu-kit.ts bundles it): before the verification runs,
 * checks that the checkout the kit sits in holds the very sources the kit was built from. The bundle
 * carries its own copy of the translator and the daemon while the corpus, the executor's C++ and the
 * translator's identity (the hash behind the translation cache) come from the checkout; if the two
 * differ, the report would describe neither. Then runs scripts/gpu-verify.ts as `npm run verify:gpu`
 * would.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { filesUnder, sha256File } from './gpu-kit-sources';

interface Manifest {
  revision: string;
  /** Folders hashed whole: a file added to one since is as stale as a changed one. */
  folders: string[];
  inputs: Record<string, string>;
}

/** Files that differ from the manifest's, are missing, or were added since; checkout-relative. */
function staleSources(checkout: string, manifest: Manifest): string[] {
  const changed = Object.entries(manifest.inputs).flatMap(([path, want]) => {
    try {
      return sha256File(join(checkout, path)) === want ? [] : [path];
    } catch {
      return [`${path} (missing)`];
    }
  });
  const added = manifest.folders
    .flatMap((folder) => filesUnder(checkout, folder))
    .filter((path) => !(path in manifest.inputs))
    .map((path) => `${path} (new)`);
  return [...changed, ...added];
}

// process.argv[1] is verify.mjs itself (through any symlink): the kit's folder, one below the
// checkout.
const kit = dirname(realpathSync(process.argv[1] ?? '.'));
const checkout = dirname(kit);
const manifest = JSON.parse(readFileSync(join(kit, 'manifest.json'), 'utf8')) as Manifest;
const stale = staleSources(checkout, manifest);
if (stale.length > 0) {
  process.stderr.write(
    `gpu-kit: this kit was built from other sources than the checkout at ${checkout} holds ` +
      `(${stale.length} of ${Object.keys(manifest.inputs).length} differ: ${stale.slice(0, 5).join(', ')}` +
      `${stale.length > 5 ? ', …' : ''}). Build it again from this checkout: npm run gpu-kit\n`,
  );
  process.exit(2);
}
// run.sh asks this first, before it spends minutes building the executor.
if (process.argv.includes('--kit-check')) process.exit(0);
process.env.DUET_SOURCE_REVISION ??= manifest.revision;
process.env.DUET_VERIFY_RUNNER ??=
  '`sh .gpu-kit/run.sh` (scripts/gpu-verify.ts, bundled by `npm run gpu-kit`)';
await import('./gpu-verify');
