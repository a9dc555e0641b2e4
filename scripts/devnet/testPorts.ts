/**
 * Ports of the tests that start their own services (chain tests, the launcher's test). Each has a
 * default; with `TEST_PORT_BASE` set, test slot `n` listens on base + n instead (and the launcher
 * test's app on `TEST_APP_PORT_BASE`), so a whole run stays inside one port range, beside other
 * runs on a shared machine. Slots: 0 risk, 1–2 keeper, 3 exit exception, 4–6 launcher, 7 band,
 * 8–9 heads transport, 10 network deploy, 11 governance impact, 12 replay.
 */
export function testPort(defaultPort: number, slot: number): number {
  const base = process.env.TEST_PORT_BASE
  return base ? Number(base) + slot : defaultPort
}

/** The launcher test's app port: its default, or `TEST_APP_PORT_BASE` when set. */
export function testAppPort(defaultPort: number): number {
  return process.env.TEST_APP_PORT_BASE ? Number(process.env.TEST_APP_PORT_BASE) : defaultPort
}
