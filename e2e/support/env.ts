/** Ports of the e2e devnet and app, apart from `npm run dev`'s so both can run at once. */
export const E2E_RPC_PORT = Number(process.env.E2E_RPC_PORT ?? 8546)
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100)
/** Where a keeper started by a test reports; the app's /api/keeper asks here. */
export const E2E_KEEPER_STATUS_PORT = Number(process.env.E2E_KEEPER_STATUS_PORT ?? 8552)
export const E2E_RPC_URL = `http://127.0.0.1:${E2E_RPC_PORT}`
export const E2E_APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`
