import { encodeAbiParameters, keccak256 } from 'viem'

/** Governed-parameter ids, exactly as `contracts/src/libraries/ParameterKeys.sol` derives them. */
export const parameterKeys = {
  global: (name: string) => keccak256(encodeAbiParameters([{ type: 'string' }], [name])),
  market: (name: string, marketId: bigint) => keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint256' }], [name, marketId])),
  tier: (name: string, tierId: bigint) =>
    keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string' }, { type: 'uint256' }], ['tier', name, tierId])),
}
