/**
 * The risk console's Web Worker: runs lib/riskConsoleModel.ts off the page's main thread, so the
 * per-block maths over every position never hold up scrolling or input (hooks/useRiskReport.ts).
 * Bigints cross in structured clones as they are.
 */
import { createConsoleModel, type ConsoleModelInput } from './riskConsoleModel'

const model = createConsoleModel()

self.onmessage = (event: MessageEvent<ConsoleModelInput>) => {
  self.postMessage(model(event.data))
}
