// How one session reads in the table: money, scopes and its time left (or when it ended).
import Link from "next/link";
import { ago, formatDuration } from "@/components/time/durations";
import type { SessionListItem } from "@/lib/sessions/schemas";

export const money = (n: number | null, none = "no cap") => (n === null ? none : `$${n.toFixed(2)}`);

/** Time left of an active session, ticking with the server's clock; when an ended one expired or was revoked. */
export function TimeCell({ session, now }: { session: SessionListItem; now: number }) {
  if (session.revoked_at) return <When iso={session.revoked_at} now={now} verb="Revoked" />;
  if (!session.expires_at) return <span className="text-slate-600">until revoked</span>;
  const left = Date.parse(session.expires_at) - now;
  if (left <= 0) return <When iso={session.expires_at} now={now} verb="Expired" />;
  return (
    <span className={left < 5 * 60_000 ? "font-medium text-amber-700" : ""} data-testid="ttl-left">
      <time dateTime={session.expires_at} title={session.expires_at}>{formatDuration(left)}</time> left
    </span>
  );
}

function When({ iso, now, verb }: { iso: string; now: number; verb: string }) {
  return (
    <span className="text-slate-600">
      {verb} <time dateTime={iso} title={iso}>{ago(iso, now)}</time>
    </span>
  );
}

export function AgentCell({ slug, session }: { slug: string; session: SessionListItem }) {
  return (
    <>
      <Link href={`/w/${slug}/agents/${encodeURIComponent(session.agent_id)}`} className="font-medium text-brand-700 hover:underline">
        {session.agent_id}
      </Link>
      <div className="text-xs text-slate-500"><code>{session.session_id}</code></div>
    </>
  );
}

export function CrewCell({ slug, session }: { slug: string; session: SessionListItem }) {
  if (!session.crew_id) return <span className="text-slate-400">—</span>;
  return (
    <Link href={`/w/${slug}/crews/${session.crew_id}`} className="text-brand-700 hover:underline">
      {session.crew_name ?? session.crew_id}
    </Link>
  );
}

export function ScopesCell({ scopes }: { scopes: string[] }) {
  return (
    <ul className="flex max-w-[14rem] flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((scope) => (
        <li key={scope}><code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{scope}</code></li>
      ))}
    </ul>
  );
}
