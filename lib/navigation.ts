/** The app's pages, in header order. A page joins this list when it exists. */
export const NAVIGATION = [
  { href: '/', label: 'Overview' },
  { href: '/markets', label: 'Markets' },
  { href: '/portfolio', label: 'Portfolio' },
  { href: '/pool', label: 'Pool' },
  { href: '/risk', label: 'Risk console' },
  { href: '/insurance', label: 'Insurance' },
  { href: '/governance', label: 'Governance' },
] as const
