import type { Metadata } from "next";
import { PlaceholderPage } from "@/components/ui/placeholder-page";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Secrets" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember((await params).slug);
  return (
    <PlaceholderPage title="Secrets" description="Credentials kept in the vault; agents read them only with the right session scope." emptyTitle="No secrets yet">
      Store secrets in the vault through the agent API; values are never shown again in the browser.
    </PlaceholderPage>
  );
}
