/**
 * Red-team checks on a shared sweep's schema: a link source's URL is rendered as a link on /s/<id>
 * (app/sweep/LinkTable.tsx), so a stored record must not carry a javascript: or data: URL there.
 */
import { describe, expect, it } from 'vitest';
import { sweepInputSchema } from './sweep-record';
import { sampleSweep } from './testkit/sweep-fixture';

function withSourceUrl(url: string) {
  const s = sampleSweep();
  const link = s.links[0]!;
  link.sources = [{ kind: 'nominal', title: 't', url, says: 's' }];
  return s;
}

describe('sweep link sources', () => {
  it('keeps an http(s) source URL', () => {
    expect(sweepInputSchema.safeParse(withSourceUrl('https://example.org/spec')).success).toBe(true);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
  ])('refuses %s with the field path', (url) => {
    const r = sweepInputSchema.safeParse(withSourceUrl(url));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['links', 0, 'sources', 0, 'url']);
  });
});
