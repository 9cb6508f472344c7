/**
 * Wall 2 (docs/security.md) for untyped buffers: the prelude's buffer-view section (duet_buf,
 * duet_bufferSpan, duet_bufferAt, duet_bufferTail) keeps every view inside its buffer whatever offset,
 * size, index or even minimum size (`need`, which a translator bug could get wrong) the generated code
 * hands it. Hand-written C++, no translator: a 64-byte buffer between sentinel bytes (and, under
 * AddressSanitizer, in its own heap block), written through views at hostile values; the sentinels
 * must survive and every write land inside the buffer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GXX, hasGxx, hasNvcc, nvccCompile } from '../testkit/native';
import { COMMON } from './common';
import { CPU_RUNTIME } from './cpu_runtime';
import { CUDA_RUNTIME } from './cuda_runtime';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duet-bufview-containment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = ['64u', '65u', '0x7ffffff0u', '0xfffffff0u', '0xffffffffu', '(unsigned)-16', '61u', '48u'];

const HOST_TEST = String.raw`
#include <initializer_list>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int failures = 0;
#define CHECK(c) do { if (!(c)) { failures++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)
struct Guarded { unsigned char before[64]; unsigned char bytes[64]; unsigned char after[64]; };
static unsigned v(unsigned i) { volatile unsigned x = i; return x; }
static bool intact(const Guarded* g) {
  for (unsigned i = 0; i < 64; i++)
    if (g->before[i] != 0xA5 || g->after[i] != 0xA5) return false;
  return true;
}
int main() {
  Guarded* g = (Guarded*)malloc(sizeof(Guarded));
  memset(g, 0xA5, sizeof *g);
  memset(g->bytes, 0, 64);
  duet_buf b;
  b.bind(g->bytes, 64ull, 64u, 0);
  unsigned k = 1;
  for (unsigned o : {HOSTILE}) {
    for (unsigned size : {HOSTILE}) {
      /* The right alignment and minimum size, and wrong ones (a translator bug) for a 16-byte type. */
      for (unsigned need : {16u, 4u, 1u}) {
        duet_span s = duet_bufferSpan(b, v(o), need == 16u ? 16u : 4u, need, false, 0u, 0u, 1u);
        vec<unsigned, 4>* p = duet_bufferAt<vec<unsigned, 4>>(b, s);
        p->w = 0xB0000000u + k;
        duet_span t = duet_bufferSpan(b, v(o), 4u, need, true, v(size), 0u, 4u);
        duet_rt<unsigned> r;
        duet_bufferTail(&r, b, t, 0u);
        r[v(size)] = 0xC0000000u + k;
        r[v(o)] = 0xD0000000u + k;
        CHECK((unsigned long long)t.end <= 64ull && r.len <= 16u);
        k++;
      }
    }
  }
  CHECK(intact(g));
  /* A slot smaller than buffer<N>: bufferLength never passes the slot's bytes. */
  duet_buf small;
  bool fits = true;
  small.bind(g->bytes, 8ull, 64u, &fits);
  CHECK(!fits && small.len == 8u);
  free(g);
  printf("failures %d\n", failures);
  return failures ? 1 : 0;
}
`.replaceAll('{HOSTILE}', `{${HOSTILE.join(', ')}}`);

const CUDA_TEST = String.raw`
extern "C" __global__ void views(DuetParams p, unsigned o, unsigned size) {
  duet_buf b;
  bool fit = true;
  b.bind(p.slot[0], p.slotBytes[0], 64u, &fit);
  if (!fit) return;
  duet_span s = duet_bufferSpan(b, o, 16u, 16u, false, 0u, 0u, 1u);
  duet_bufferAt<vec<unsigned, 4>>(b, s)->x = o;
  duet_span t = duet_bufferSpan(b, o, 4u, 4u, true, size, 0u, 4u);
  duet_rt<unsigned> r;
  duet_bufferTail(&r, b, t, 0u);
  r[size] = o;
}
`;

describe('buffer views stay inside their buffer (wall 2)', () => {
  it.runIf(hasGxx())(
    'hostile offsets, sizes, indices and minimum sizes keep every write inside (g++ -O2, ASan+UBSan)',
    { timeout: 180_000 },
    async () => {
      const src = join(dir, 'views.cpp');
      writeFileSync(src, `${COMMON}\n${CPU_RUNTIME}\n${HOST_TEST}`);
      for (const flags of [
        ['-O2'],
        ['-O0', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'],
      ]) {
        const exe = join(dir, `views${flags[0]}`);
        await run(GXX, ['-std=c++17', '-w', ...flags, '-o', exe, src], { maxBuffer: 1 << 24 });
        const r = await run(exe, [], { timeout: 60_000 }).catch((e: { stdout: string; stderr: string }) => e);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('failures 0');
      }
    },
  );

  it.runIf(hasNvcc())(
    'the same views compile for CUDA (nvcc -cubin -arch=sm_90)',
    { timeout: 180_000 },
    async () => {
      const log = await nvccCompile(`${COMMON}\n${CUDA_RUNTIME}\n${CUDA_TEST}`, 'sm_90');
      expect(log).not.toMatch(/error/i);
    },
  );
});
