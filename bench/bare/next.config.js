import { fileURLToPath } from 'node:url'

/**
 * The bare page the bench compares the dashboard with: Next.js + wagmi + RainbowKit, built from the
 * repository's installed packages (root = the repository, so `node_modules` resolves there).
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ['pino-pretty'],
  // type-checked with the repository (`tsc --noEmit` covers bench/bare); the bench only needs its bundle
  typescript: { ignoreBuildErrors: true },
  // A worktree whose node_modules links elsewhere sets NEXT_PRIVATE_OUTPUT_TRACE_ROOT above both.
  turbopack: { root: process.env.NEXT_PRIVATE_OUTPUT_TRACE_ROOT ?? fileURLToPath(new URL('../..', import.meta.url)) },
}

export default nextConfig
