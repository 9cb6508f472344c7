/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The daemon, CLI and executor are separate programs; the web server only imports isomorphic code.
  serverExternalPackages: [],
  typedRoutes: false,
};
export default nextConfig;
