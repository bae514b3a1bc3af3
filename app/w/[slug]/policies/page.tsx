import type { Metadata } from "next";
import { PlaceholderPage } from "@/components/ui/placeholder-page";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Policies" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember((await params).slug);
  return (
    <PlaceholderPage title="Policies" description="Rules evaluated at the execution boundary for every tool call, payment, secret read, code execution and LLM call." emptyTitle="No policies yet">
      Policies decide each concrete action: ALLOW, LOG, CONSTRAIN, BLOCK or ESCALATE to a human.
    </PlaceholderPage>
  );
}
