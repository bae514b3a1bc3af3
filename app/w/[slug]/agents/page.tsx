import type { Metadata } from "next";
import { PlaceholderPage } from "@/components/ui/placeholder-page";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Agents" };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember((await params).slug);
  return (
    <PlaceholderPage title="Agents" description="Every agent that works in this workspace, its sessions, spend and last action." emptyTitle="No agents yet">
      An agent is registered the first time one of its sessions is created through the agent API (POST /api/v1/sessions). Create an API key under Settings → API keys and point your agent&apos;s SDK at this server.
    </PlaceholderPage>
  );
}
