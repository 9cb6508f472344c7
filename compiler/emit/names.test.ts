/**
 * The list of header macros (header-macros.ts) covers what this machine's compilers define for a
 * generated source: a WGSL name among them would be replaced by the preprocessor and fail to compile
 * (or silently change meaning), so a header update that adds macros must add them to the list.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_MACROS } from './header-macros';
import { cppName } from './names';

describe('C++ names for WGSL identifiers', () => {
  it('renames header macros, keeps ordinary names', () => {
    expect(cppName('M_PI')).toBe('M_PI_');
    expect(cppName('offsetof')).toBe('offsetof_');
    expect(cppName('RAND_MAX')).toBe('RAND_MAX_');
    expect(cppName('N')).toBe('N');
    expect(cppName('TILE_SIZE')).toBe('TILE_SIZE');
    expect(HEADER_MACROS.size).toBeGreaterThan(500);
  });

  it("lists every macro this machine's g++ (and nvcc, when present) headers define", () => {
    const r = spawnSync(
      process.execPath,
      [join(__dirname, '../../scripts/gen-header-macros.mjs'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
