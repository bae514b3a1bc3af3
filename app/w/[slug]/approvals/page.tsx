import type { Metadata } from "next";
import { PlaceholderPage } from "@/components/ui/placeholder-page";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Approvals" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember((await params).slug);
  return (
    <PlaceholderPage title="Approvals" description="Actions that a policy escalated, waiting for a reviewer's decision." emptyTitle="Nothing is waiting for you">
      Escalated actions appear here for reviewers to approve or deny with a note.
    </PlaceholderPage>
  );
}
