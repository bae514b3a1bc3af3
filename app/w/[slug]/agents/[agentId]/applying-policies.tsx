import Link from "next/link";
import type { ApplyingPolicy } from "@/lib/agents/list-applying-policies";

const targetText = (p: ApplyingPolicy) => (p.target === "all" ? "all agents" : p.target === "agent" ? "this agent" : `crew ${p.crew ?? ""}`);

export function ApplyingPolicies({ slug, policies }: { slug: string; policies: ApplyingPolicy[] }) {
  if (policies.length === 0) {
    return (
      <p className="px-4 py-6 text-sm text-slate-500">
        No published policy applies, so actions are only checked against scopes and budgets. Admins publish policies on the{" "}
        <Link href={`/w/${slug}/policies`} className="text-brand-700 underline">Policies</Link> page.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100" aria-label="Policies that apply" data-testid="applying-policies">
      {policies.map((p) => (
        <li key={p.policy_id} className="flex items-center justify-between px-4 py-3 text-sm">
          <Link href={`/w/${slug}/policies/${p.policy_id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link>
          <span className="text-slate-500">version {p.version} · targets {targetText(p)}</span>
        </li>
      ))}
    </ul>
  );
}
