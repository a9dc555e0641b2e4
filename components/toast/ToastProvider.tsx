'use client'

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'

export type ToastKind = 'pending' | 'success' | 'error' | 'info' | 'alert'
/** `persistent`: stays until the user dismisses it (news the user must not miss, e.g. a liquidation). */
export type Toast = { id: number; kind: ToastKind; title: string; detail?: string; persistent?: boolean }
type ToastInput = Omit<Toast, 'id'>

type ToastApi = {
  show: (toast: ToastInput) => number
  update: (id: number, toast: ToastInput) => void
  dismiss: (id: number) => void
}

const ToastContext = createContext<ToastApi | null>(null)

const STYLES: Record<ToastKind, string> = {
  pending: 'border-sky-500/60 bg-sky-950/90',
  success: 'border-emerald-500/60 bg-emerald-950/90',
  error: 'border-rose-500/60 bg-rose-950/90',
  info: 'border-zinc-500/60 bg-zinc-900/90',
  alert: 'border-amber-500/70 bg-amber-950/95',
}

/** Settled toasts go away on their own; pending ones stay until their transaction settles. */
const AUTO_DISMISS_MS = 8_000

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), [])
  const scheduleDismiss = useCallback(
    (id: number, kind: ToastKind, persistent?: boolean) => {
      if (kind !== 'pending' && !persistent) setTimeout(() => dismiss(id), AUTO_DISMISS_MS)
    },
    [dismiss],
  )
  const api = useMemo<ToastApi>(() => {
    let nextId = 0
    return {
      show: (toast) => {
        const id = ++nextId + Date.now()
        setToasts((all) => [...all, { ...toast, id }])
        scheduleDismiss(id, toast.kind, toast.persistent)
        return id
      },
      update: (id, toast) => {
        setToasts((all) => all.map((t) => (t.id === id ? { ...toast, id } : t)))
        scheduleDismiss(id, toast.kind, toast.persistent)
      },
      dismiss,
    }
  }, [dismiss, scheduleDismiss])

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="fixed bottom-16 right-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.kind === 'error' || toast.kind === 'alert' ? 'alert' : 'status'}
            data-testid={`toast-${toast.kind}`}
            className={`rounded-lg border px-4 py-3 text-sm shadow-lg ${STYLES[toast.kind]}`}
          >
            <div className="flex items-start justify-between gap-3">
              <p className="font-medium">{toast.title}</p>
              <button className="text-zinc-400 hover:text-zinc-100" onClick={() => dismiss(toast.id)} aria-label="Dismiss">
                ×
              </button>
            </div>
            {toast.detail && <p className="mt-1 break-words text-zinc-300">{toast.detail}</p>}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext)
  if (!api) throw new Error('useToast must be used inside <ToastProvider>')
  return api
}
