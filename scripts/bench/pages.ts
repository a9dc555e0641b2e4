import type { Deployment } from '../../lib/config/types'

/** Every page of the dashboard the bench measures (a market page and a proposal page by example). */
export function dashboardPages(deployment: Deployment): string[] {
  const market = Object.entries(deployment.markets).find(([, id]) => id === 0)![0]
  return ['/', '/markets', `/markets/${market}`, '/portfolio', '/pool', '/risk', '/insurance', '/governance', '/replay']
}
