/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Optional peers of the wallet stack that a browser build never needs.
  serverExternalPackages: ['pino-pretty'],
}

export default nextConfig
