import type { Metadata } from "next";
import { PlaceholderPage } from "@/components/ui/placeholder-page";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Sessions" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember((await params).slug);
  return (
    <PlaceholderPage title="Sessions" description="Scoped, time-limited sessions held by agents: active, expired and revoked." emptyTitle="No sessions yet">
      Sessions appear here when agents create them with an API key. Each one carries scopes, a spend limit and a time-to-live.
    </PlaceholderPage>
  );
}
