import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { listCrews } from "@/lib/crews/manage-crews";
import { BudgetProgress } from "./budget-progress";
import { NewCrewDialog } from "./new-crew-dialog";

export const metadata: Metadata = { title: "Crews" };

export default async function CrewsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const slug = member.workspace.slug;
  const { crews } = await listCrews(member.workspace.id);
  const canManage = roleCan(member.role, "workspace:manage");
  return (
    <>
      <PageHeader title="Crews" description="Groups of agents that share one budget, enforced at the moment each payment is authorized.">
        {canManage ? <NewCrewDialog slug={slug} /> : null}
      </PageHeader>
      {crews.length === 0 ? (
        <EmptyState title="No crews yet">
          {canManage
            ? "Create a crew with “New crew” (or POST /api/v1/crews), add its agents, then have them name it as crew_id when they create their sessions: their payments count against its budget."
            : "An admin creates crews here or with POST /api/v1/crews; agents join one by naming it as crew_id when they create a session."}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Crews">
          {crews.map((crew) => (
            <li key={crew.crew_id} className="card flex flex-col gap-3 p-5" data-testid={`crew-${crew.crew_id}`}>
              <div>
                <h2 className="font-semibold">
                  <Link href={`/w/${slug}/crews/${crew.crew_id}`} className="text-brand-700 hover:underline">{crew.name}</Link>
                </h2>
                {crew.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-600">{crew.description}</p> : null}
              </div>
              <BudgetProgress id={crew.crew_id} spent={crew.spent ?? 0} budget={crew.budget} window={crew.budget_window} windowStart={crew.window_start} />
              <p className="text-sm text-slate-600">
                {crew.members.length === 1 ? "1 member" : `${crew.members.length} members`}
                {crew.members.length > 0 ? <span className="text-slate-500"> · {crew.members.slice(0, 4).join(", ")}{crew.members.length > 4 ? ", …" : ""}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
