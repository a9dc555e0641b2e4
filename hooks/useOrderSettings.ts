'use client'

import { useCallback, useEffect, useState } from 'react'
import { DEFAULT_SLIPPAGE_BPS } from '@/lib/orders/requestTerms'

const STORAGE_KEY = 'rampart.orderSettings.v1'
type Stored = { slippage: string; expiryMinutes?: string }

const DEFAULT_SLIPPAGE_TEXT = (Number(DEFAULT_SLIPPAGE_BPS) / 100).toString()

function load(): Stored {
  try {
    const raw = typeof window === 'undefined' ? null : window.localStorage.getItem(STORAGE_KEY)
    const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : {}
    return { slippage: typeof parsed.slippage === 'string' ? parsed.slippage : DEFAULT_SLIPPAGE_TEXT, expiryMinutes: parsed.expiryMinutes }
  } catch {
    return { slippage: DEFAULT_SLIPPAGE_TEXT }
  }
}

/**
 * The trader's request settings as typed (slippage in percent, expiry in minutes), remembered in
 * this browser and shared by every trade form. Stored as text so a half-typed value survives; the
 * forms validate it.
 */
export function useOrderSettings() {
  const [settings, setSettings] = useState<Stored>({ slippage: DEFAULT_SLIPPAGE_TEXT })
  useEffect(() => setSettings(load()), [])
  const update = useCallback((patch: Partial<Stored>) => {
    setSettings((current) => {
      const next = { ...current, ...patch }
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
      } catch {
        // storage full or blocked: the choice holds for this page only
      }
      return next
    })
  }, [])
  return { settings, update, defaultSlippage: DEFAULT_SLIPPAGE_TEXT }
}
