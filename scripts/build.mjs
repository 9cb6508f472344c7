// `npm run build`: the C++ executor and the Next.js production build.
import { nextBuildIsStale, root, run } from './lib.mjs';

const force = process.argv.includes('--force');
let code = await run(process.execPath, ['scripts/build-executor.mjs']);
if (code !== 0) process.exit(code);
if (force || nextBuildIsStale()) {
  code = await run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: root });
  if (code !== 0) process.exit(code);
} else {
  console.log('next: production build is up to date');
}
