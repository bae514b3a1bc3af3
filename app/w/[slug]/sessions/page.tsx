import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { countSessionsByStatus } from "@/lib/sessions/count-sessions-by-status";
import { listSessionPage } from "@/lib/sessions/list-session-page";
import { SessionStatusSchema, type SessionStatus } from "@/lib/sessions/schemas";
import { SessionsClient } from "./sessions-client";
import { SessionTabs } from "./session-tabs";

export const metadata: Metadata = { title: "Sessions" };

const EMPTY: Record<SessionStatus, { title: string; body: string }> = {
  active: {
    title: "No active sessions",
    body: "Agents create sessions with an API key: POST /api/v1/sessions with agent_id, scopes, ttl and an optional spend_limit and crew_id. Each one shows here with its budget and time left until it expires or an admin revokes it.",
  },
  expired: { title: "No expired sessions", body: "Sessions whose time-to-live ran out appear here. No session lives longer than 365 days: ttl 0 asks for that maximum." },
  revoked: { title: "No revoked sessions", body: "Sessions an admin revoked here (Active tab, Revoke) or an agent revoked with DELETE /api/v1/sessions/<id> appear here." },
};

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ status?: string | string[] }> };

export default async function SessionsPage({ params, searchParams }: Props) {
  const member = await requireMember((await params).slug);
  const parsed = SessionStatusSchema.safeParse((await searchParams).status);
  const status: SessionStatus = parsed.success ? parsed.data : "active";
  const { counts, now } = await countSessionsByStatus(member.workspace.id);
  const page = await listSessionPage(member.workspace.id, { status });
  const canRevoke = roleCan(member.role, "workspace:manage");
  return (
    <>
      <PageHeader
        title="Sessions"
        description="Scoped, time-limited credentials held by agents, with their spend and time left. Revoking one stops it on the agent's next call."
      />
      <SessionTabs slug={member.workspace.slug} current={status} counts={counts} />
      {canRevoke ? null : <p className="mb-4 text-sm text-slate-600" data-testid="read-only-note">Only admins can revoke sessions.</p>}
      {page.sessions.length === 0 ? (
        <EmptyState title={EMPTY[status].title}>{EMPTY[status].body}</EmptyState>
      ) : (
        <SessionsClient key={`${status}-${now}`} slug={member.workspace.slug} status={status} initial={page} serverNow={now} canRevoke={canRevoke} />
      )}
    </>
  );
}
