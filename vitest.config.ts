import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'hooks/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Chain tests each deploy a devnet, and every deploy writes deployments/31337.json: one file at a time.
    fileParallelism: false,
  },
})
