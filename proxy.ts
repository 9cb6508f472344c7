/**
 * Next's proxy (the file convention formerly called middleware): gives every page response a
 * Content-Security-Policy with a fresh nonce (server/security-headers.ts). Pages render per request
 * for it (the root layout reads the nonce); API routes and static files are left out by the matcher.
 */
import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, NONCE_HEADER, newNonce } from './server/security-headers';

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, request.nextUrl.pathname, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      // A prefetch is never rendered as a page by itself.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
