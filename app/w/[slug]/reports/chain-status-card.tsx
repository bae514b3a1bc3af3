import type { ChainStatus } from "@/lib/reports/compliance-data";
import { CHAIN_DEFINITION, chainSummary } from "@/lib/reports/format";

export function ChainStatusCard({ chain }: { chain: ChainStatus }) {
  const tone = chain.isVerified ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900";
  return (
    <section aria-label="Audit chain status" className={`card mb-6 border p-4 ${tone}`} data-testid="chain-status">
      <h2 className="text-base font-semibold">Audit chain: {chainSummary(chain)}</h2>
      <p className="mt-1 text-sm">{chain.message}</p>
      <p className="mt-1 text-xs opacity-80">{CHAIN_DEFINITION}</p>
    </section>
  );
}
