import type { ReactNode } from 'react'

export const metadata = { title: 'Bare wallet page' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
