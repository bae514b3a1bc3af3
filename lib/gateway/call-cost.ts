// A call's cost in micro-units of the workspace currency: prices are per million tokens, each
// side rounded up so no fraction of a micro is ever given away. BigInt: exact at any volume.
import type { ResolvedModel } from "./resolve-model";

type Prices = Pick<ResolvedModel, "inputMicrosPerMtok" | "outputMicrosPerMtok">;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export function callCostMicros(prices: Prices, promptTokens: number, completionTokens: number): bigint {
  return ceilDiv(BigInt(promptTokens) * prices.inputMicrosPerMtok, 1_000_000n) + ceilDiv(BigInt(completionTokens) * prices.outputMicrosPerMtok, 1_000_000n);
}
