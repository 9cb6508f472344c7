import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './security-headers';

const directives = (csp: string) =>
  new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('contentSecurityPolicy', () => {
  it('lets only scripts with this response’s nonce run, and no page be framed', () => {
    const d = directives(contentSecurityPolicy('abc123', '/', false));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows eval for `next dev` only', () => {
    expect(directives(contentSecurityPolicy('n', '/', true)).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy('n', '/', false)).get('script-src')).not.toContain(
      "'unsafe-eval'",
    );
  });

  it('keeps share pages unframeable too', () => {
    for (const path of ['/r/abc', '/s/abc', '/recent', '/embedded', '/r/embed'])
      expect(directives(contentSecurityPolicy('n', path, false)).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets any site frame the embed card, and only it', () => {
    for (const path of ['/embed/AbCdEfGhIjKlMnOpQrStUv', '/embed'])
      expect(directives(contentSecurityPolicy('n', path, false)).get('frame-ancestors')).toEqual(['*']);
  });
});

describe('newNonce', () => {
  it('is 128 random bits, different every time', () => {
    const a = newNonce();
    expect(atob(a)).toHaveLength(16);
    expect(new Set(Array.from({ length: 100 }, newNonce)).size).toBe(100);
  });
});
