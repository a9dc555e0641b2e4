import { keccak256, toHex, type Hex } from 'viem'

/** OpenZeppelin's `IGovernor.ProposalState`, in enum order. */
export const PROPOSAL_STATES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'] as const
export type ProposalStateName = (typeof PROPOSAL_STATES)[number]

export function proposalStateName(state: number): ProposalStateName {
  const name = PROPOSAL_STATES[state]
  if (!name) throw new Error(`unknown proposal state ${state}`)
  return name
}

/** Votes: OpenZeppelin's counting order (0 against, 1 for, 2 abstain). */
export const VOTE_SUPPORT = { against: 0, for: 1, abstain: 2 } as const

export function descriptionHash(description: string): Hex {
  return keccak256(toHex(description))
}

/** The first line of a description, as its title (Tally's convention: "# Title"). */
export function proposalTitle(description: string): string {
  const first = description.split('\n').find((line) => line.trim() !== '') ?? ''
  return first.replace(/^#+\s*/, '').trim() || '(no description)'
}

/** Which write the proposal's state allows now: queue once it succeeded, execute once queued and its ETA passed. */
export function nextStep(state: ProposalStateName, eta: bigint, now: bigint): 'queue' | 'execute' | 'wait' | null {
  if (state === 'Succeeded') return 'queue'
  if (state === 'Queued') return eta > 0n && now >= eta ? 'execute' : 'wait'
  return null
}

/** Share of `part` in `whole` as basis points (0 when `whole` is 0), for bars. */
export function shareBps(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0
  const bps = (part * 10_000n) / whole
  return Number(bps > 10_000n ? 10_000n : bps)
}
