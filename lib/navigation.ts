/** The app's pages, in header order. A page joins this list when it exists. */
export const NAVIGATION = [{ href: '/', label: 'Overview' }] as const
