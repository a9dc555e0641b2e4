import { MarketTrading } from './_components/MarketTrading'

export default async function MarketPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params
  return <MarketTrading name={decodeURIComponent(name)} />
}
