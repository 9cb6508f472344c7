/**
 * The headers every response gets, pages, API routes and static files alike (scripts/web-server.mjs
 * puts them on the tRPC answers it serves before Next). The page's Content-Security-Policy
 * (frame-ancestors included) varies per request: proxy.ts.
 */
export const SECURITY_HEADERS = [
  // A response is only ever what its Content-Type says (no MIME sniffing into script or HTML).
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Share links (/r/<id>) stay out of other sites' logs.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // Nothing in Duet uses these devices; no script on the page may ask for them.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The daemon, CLI and executor are separate programs; the web server only imports isomorphic code.
  serverExternalPackages: [],
  typedRoutes: false,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
  // Prometheus scrapes /metrics by convention; the handler lives at app/api/metrics/route.ts.
  async rewrites() {
    return [{ source: '/metrics', destination: '/api/metrics' }];
  },
};
export default nextConfig;
