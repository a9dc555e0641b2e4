/**
 * What the position, insurance and governance figures rest on, in words for their tooltips. Each
 * text names the function of `lib/risk.ts` it describes; a module of its own so that the risk
 * console's worker, which runs those functions, does not carry the words (a bundler keeps a module
 * whole). The console's own texts: `lib/riskConsoleExplainers.ts`.
 */

/** How netPnl is computed, in words for a tooltip. */
export const NET_PNL_EXPLAINER =
  'PnL if you closed now, after every cost of this position: price PnL − funding (settled and owed) − trading fees ' +
  '(open, increases, reductions, and the fee to close now). PnL already realised by reductions is in the collateral.'

/** How liquidationProbability is computed, in words for a tooltip. */
export const LIQUIDATION_PROBABILITY_EXPLAINER =
  "Chance the oracle price touches the liquidation price within 24 hours if it moves like a random walk with the market's " +
  'on-chain volatility σ: 2·Φ(−|ln(P_liq/P)| / (σ·√1 day)). Real markets jump, so treat it as a floor.'

/** How the stress loss is computed, in words for a tooltip. */
export const STRESS_LOSS_EXPLAINER =
  "99 % one-day stress loss: every open position's market moves against it by z99·σ_1d at once (z99 = 2.326, " +
  "σ_1d = the market's on-chain annualised volatility / √365), nobody is liquidated on the way, and the bad debt " +
  'beyond each position\'s collateral, max(0, −(C + s·(P_stressed − E) − funding)), is summed. Gains on the other side are not netted.'

/** What the impact preview rests on, in words for the page. */
export const MARGIN_IMPACT_EXPLAINER =
  "Today's open positions at today's accepted prices and funding, with the proposal's margin values fully in force " +
  "(a raise ramps in over hours; positions and prices will have moved by then). The dynamic margin is the oracle's current " +
  "one, clamped to the new floor and ceiling as the engine does."
