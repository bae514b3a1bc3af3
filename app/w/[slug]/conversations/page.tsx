import type { Metadata } from "next";
import Link from "next/link";
import { formatInstant } from "@/components/charts/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { listConversations } from "@/lib/messages/list-conversations";

export const metadata: Metadata = { title: "Conversations" };

type Props = { params: Promise<{ slug: string }> };

export default async function ConversationsPage({ params }: Props) {
  const member = await requireMember((await params).slug);
  const slug = member.workspace.slug;
  const conversations = await listConversations(member.workspace.id);
  return (
    <>
      <PageHeader title="Conversations" description="Messages between agents, scanned for prompt injection and exfiltration before delivery." />
      {conversations.length === 0 ? (
        <EmptyState title="No messages yet">Agents record messages with POST /api/v1/messages.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Conversations">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr><th className="px-4 py-2">Conversation</th><th className="px-4 py-2">Agents</th><th className="px-4 py-2">Messages</th><th className="px-4 py-2">Flagged</th><th className="px-4 py-2">Blocked</th><th className="px-4 py-2">Last message</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {conversations.map((c) => (
                <tr key={c.conversation_id}>
                  <td className="px-4 py-2"><Link href={`/w/${slug}/conversations/${encodeURIComponent(c.conversation_id)}`} className="text-brand-700 hover:underline"><code className="text-xs">{c.conversation_id}</code></Link></td>
                  <td className="px-4 py-2 text-xs">{c.agents.join(", ")}</td>
                  <td className="px-4 py-2">{c.messages}</td>
                  <td className={`px-4 py-2 ${c.flagged > 0 ? "font-medium text-red-700" : ""}`}>{c.flagged}</td>
                  <td className="px-4 py-2">{c.blocked}</td>
                  <td className="px-4 py-2 text-xs">{formatInstant(c.last_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
