/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Optional peers of the wallet stack that a browser build never needs.
  serverExternalPackages: ['pino-pretty'],
  // Drop what no page uses from the modules it imports (viem's and wagmi's barrels, generated.ts's
  // ABIs): measured with `npm run bench -- --only first-load`, docs/dapp.md "First load".
  // (turbopackModuleFragments was tried as well: it split the shared code into more, duplicated
  // chunks, +15 KiB on /markets.)
  experimental: {
    turbopackRemoveUnusedExports: true,
    turbopackRemoveUnusedImports: true,
  },
}

export default nextConfig
