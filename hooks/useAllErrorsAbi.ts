'use client'

import { useEffect, useState } from 'react'
import type { Abi } from 'viem'

/**
 * Every contract's errors, to say why the engine rejected an order: loaded once an account is
 * connected (the list carries every contract's ABI, too heavy for a visitor's first load).
 */
export function useAllErrorsAbi(needed: boolean): Abi | undefined {
  const [errorsAbi, setErrorsAbi] = useState<Abi>()
  useEffect(() => {
    if (!needed || errorsAbi) return
    let live = true
    void import('@/lib/contracts/errorsAbi').then(({ allErrorsAbi }) => live && setErrorsAbi(allErrorsAbi))
    return () => {
      live = false
    }
  }, [needed, errorsAbi])
  return errorsAbi
}
