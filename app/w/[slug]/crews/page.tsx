import type { Metadata } from "next";
import { PlaceholderPage } from "@/components/ui/placeholder-page";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Crews" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember((await params).slug);
  return (
    <PlaceholderPage title="Crews" description="Groups of agents that share one budget." emptyTitle="No crews yet">
      Crews group agents under one budget with a reset window. They are created by admins through the agent API and, soon, from this page.
    </PlaceholderPage>
  );
}
