'use client'

import { useEffect, useRef, useState } from 'react'

/**
 * Whether the element has come within `margin` of the viewport (and stays true once it has): for
 * widgets whose code loads only when someone can see them.
 */
export function useNearViewport<T extends Element>(margin = '200px') {
  const ref = useRef<T>(null)
  const [near, setNear] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (near || !element) return
    if (typeof IntersectionObserver === 'undefined') return setNear(true)
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setNear(true)
    }, { rootMargin: margin })
    observer.observe(element)
    return () => observer.disconnect()
  }, [near, margin])
  return { ref, near }
}
