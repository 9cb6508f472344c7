/**
 * The page's Content-Security-Policy, built per request with a fresh nonce by proxy.ts. Next reads
 * the nonce back from the request's CSP header and puts it on its own scripts; the root layout puts
 * it on its one inline script (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
 * The headers that never vary (nosniff, Referrer-Policy, Permissions-Policy) are in next.config.mjs.
 */

/** The request header proxy.ts hands the nonce to the layout in. */
export const NONCE_HEADER = 'x-nonce';

/**
 * Path prefixes other sites may show in an iframe: the shared-run card /embed/<id> (app/embed), and
 * only it; every other page answers `frame-ancestors 'none'` (CSP3 §6.4.2). The card shows a stored,
 * read-only run and runs nothing, so being framed cannot make it act for the framing site.
 */
const FRAMEABLE_PREFIXES: readonly string[] = ['/embed'];

const frameable = (pathname: string): boolean =>
  FRAMEABLE_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/** 128 random bits, base64: unguessable per response (CSP3 §2.3.1 wants at least 128). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy(nonce: string, pathname: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonce'd scripts load are trusted through them. `next dev`
    // needs eval for React's error overlay; a production build does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline styles stay allowed: server-rendered `style` attributes (React) and the <style> elements
    // CodeMirror injects have no nonce; a style cannot run code, so the script policy above still holds.
    "style-src 'self' 'unsafe-inline'",
    // data: for the roofline chart's SVG <img>, blob: for output images and downloads.
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameable(pathname) ? '*' : "'none'"}`,
  ].join('; ');
}
