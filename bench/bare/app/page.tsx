import { BarePage } from './BarePage'

export default function Page() {
  return <BarePage />
}
