import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionBadge } from "@/components/audit/decision-badge";
import { formatInstant } from "@/components/charts/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { listMessages } from "@/lib/messages/list-messages";

type Props = { params: Promise<{ slug: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Conversation ${decodeURIComponent((await params).id)}` };
}

export default async function ConversationPage({ params }: Props) {
  const { slug, id } = await params;
  const member = await requireMember(slug);
  const conversationId = decodeURIComponent(id);
  const page = conversationId.length <= 200 ? await listMessages(member.workspace.id, { conversation_id: conversationId, limit: 500 }) : null;
  if (!page || page.count === 0) notFound();
  const ws = member.workspace.slug;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/w/${ws}/conversations`} className="text-brand-700 hover:underline">Conversations</Link></nav>
      <PageHeader title={`Conversation ${conversationId}`} description="Oldest first. Only each message's SHA-256 and size are stored, never its content." />
      <ol className="space-y-3" aria-label="Messages">
        {page.messages.toReversed().map((m) => (
          <li key={m.message_id} className={`card space-y-2 p-4 ${m.detections.length > 0 ? "border-red-300 bg-red-50/40" : ""}`} data-testid="message">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <code className="text-xs">{m.from_agent_id}</code> → <code className="text-xs">{m.to_agent_id}</code>
              <DecisionBadge decision={m.decision} />
              <span className="text-xs text-slate-500">{m.source === "tool_output" ? "tool output" : m.role} · {m.size_bytes} bytes · {formatInstant(m.created_at)}</span>
              <Link href={`/w/${ws}/audit?q=${m.receipt_id}`} className="text-xs text-brand-700 hover:underline">receipt</Link>
            </div>
            {m.detections.length > 0 && (
              <ul className="space-y-1 text-sm text-red-800" aria-label="Detections">
                {m.detections.map((d, i) => (
                  <li key={i}><span className="font-medium">{d.kind}: {d.detector}</span> — {d.explanation}</li>
                ))}
              </ul>
            )}
            {m.override_reason && <p className="text-sm text-amber-800">Overridden by a trusted agent: {m.override_reason}</p>}
            <p className="break-all text-xs text-slate-400">SHA-256 {m.content_sha256}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
