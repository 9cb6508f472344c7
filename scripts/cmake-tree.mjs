// A CMake build tree remembers the source folder it was configured for; one copied with node_modules
// from another checkout would build that checkout (or refuse to configure). Such a tree is removed.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the CMakeCache.txt text of `buildDir` if it was made for `sourceDir`, else removes the tree and returns ''. */
export function cmakeCacheFor(buildDir, sourceDir) {
  const cache = join(buildDir, 'CMakeCache.txt');
  const text = existsSync(cache) ? readFileSync(cache, 'utf8') : '';
  if (text && !text.includes(`CMAKE_HOME_DIRECTORY:INTERNAL=${sourceDir}\n`)) {
    rmSync(buildDir, { recursive: true, force: true });
    return '';
  }
  return text;
}
