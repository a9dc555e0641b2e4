/**
 * What the risk console's forecast and stress test rest on, in words: the /risk page's disclosures
 * and the keeper's /risk.json. A module of its own, not imported by the maths (`lib/risk.ts`,
 * `lib/riskReport.ts`): the console's worker runs the maths without carrying the words (a bundler
 * keeps a module whole), and the page's main thread shows the words without loading the maths.
 */

/** What the forecast rests on, in words for the page's "assumptions" disclosure and the JSON. */
export const CASCADE_FORECAST_EXPLAINER =
  "Each market's log price moves as a driftless random walk with its on-chain volatility σ. For each position, the chance " +
  'that the price touches its liquidation price within the horizon is 2·Φ(−|ln(P_liq/P)| / (σ·√T)) (reflection principle, ' +
  "the portfolio's liquidation probability). Expected liquidated notional = Σ chance × notional at the liquidation price. " +
  "Expected bad debt = Σ chance × the position's shortfall if it is liquidated one oracle step (maxJump) past its liquidation " +
  'price. Positions are independent of each other, liquidations do not move the price, funding is frozen at its current ' +
  'value, and jumps make real odds higher. "Bad debt from" is the smallest move, in one gap with nobody liquidated on ' +
  'the way, that leaves some position with negative equity. With no measured volatility (a new market) every chance is 0.'

export const STRESS_SCENARIO_EXPLAINER =
  'The price jumps to the shocked level in one gap; every position liquidatable there is closed in full at that price ' +
  '(penalty capped at its equity), and what its equity lacks is bad debt. It meets the buffer (with its pending fees), ' +
  "then the stakers up to what the slash cap still allows in this window, then the debt auction up to what it can raise " +
  "this mint period at its floor price; what is left reaches the pool (socialised only as the auction's last resort). " +
  'Penalties paid into the buffer on the way are not counted as cover.'

/** The forecast's and the stress test's assumptions, as the keeper's /risk.json serves them. */
export const RISK_REPORT_ASSUMPTIONS = { forecast: CASCADE_FORECAST_EXPLAINER, stress: STRESS_SCENARIO_EXPLAINER }
