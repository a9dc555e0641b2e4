import { ProposalView } from './_components/ProposalView'

export default async function ProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <ProposalView idText={decodeURIComponent(id)} />
}
