"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { CopyButton } from "@/components/ui/copy-button";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/http/workspace-action";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "../actions";

type Member = { membershipId: string; userId: string; email: string; name: string | null; role: Role };
type Invitation = { invitationId: string; email: string; role: Role; expiresAt: string };
type Props = { slug: string; members: Member[]; invitations: Invitation[]; currentUserId: string; canManage: boolean };

export function MembersClient({ slug, members, invitations, currentUserId, canManage }: Props) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [inviteLink, setInviteLink] = useState<string | null>(null);

  function run<T>(action: () => Promise<ActionResult<T>>, success: (data: T) => string) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return void toast.error(result.error);
      toast.success(success(result.data));
      router.refresh();
    });
  }

  function onInvite(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "VIEWER") };
    run(
      () => inviteMemberAction(slug, input),
      (data) => {
        formElement.reset();
        if (data.kind === "invited") {
          setInviteLink(`${window.location.origin}${data.invitePath}`);
          return `Invitation created for ${data.email}`;
        }
        setInviteLink(null);
        return `${data.email} added to the workspace`;
      },
    );
  }

  return (
    <div className="space-y-8">
      <section className="card p-5" aria-labelledby="invite-title">
        <h2 id="invite-title" className="font-semibold">Invite a member</h2>
        {!canManage ? <p className="mt-1 text-sm text-slate-600">Only admins can invite members and change roles.</p> : null}
        <form onSubmit={onInvite} className="mt-4">
          <fieldset disabled={!canManage || isPending} className="flex flex-wrap items-end gap-3">
            <div className="min-w-64 flex-1">
              <label htmlFor="invite-email" className="label">Email</label>
              <input id="invite-email" name="email" type="email" required className="input" placeholder="reviewer@example.com" />
            </div>
            <div>
              <label htmlFor="invite-role" className="label">Role</label>
              <select id="invite-role" name="role" className="input" defaultValue="REVIEWER">
                {ROLES.map((role) => <option key={role} value={role}>{ROLE_LABELS[role]}</option>)}
              </select>
            </div>
            <button type="submit" className="btn-primary">Invite</button>
          </fieldset>
        </form>
        {inviteLink ? (
          <div className="mt-4 rounded-md bg-brand-50 p-3 text-sm">
            <p>Send this link to the invitee (valid for 7 days, shown once):</p>
            <div className="mt-2 flex items-center gap-2">
              <code data-testid="invite-link" className="flex-1 break-all font-mono text-xs">{inviteLink}</code>
              <CopyButton value={inviteLink} />
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title" className="mb-3 font-semibold">Members</h2>
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200" aria-label="Members">
            <thead className="bg-slate-50">
              <tr>
                <th className="table-head">Member</th>
                <th className="table-head">Role</th>
                <th className="table-head"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.membershipId} data-testid={`member-${m.email}`}>
                  <td className="table-cell">
                    <div className="font-medium">{m.name ?? m.email}</div>
                    <div className="text-xs text-slate-500">{m.email}</div>
                  </td>
                  <td className="table-cell">
                    <select
                      aria-label={`Role of ${m.email}`}
                      className="input w-40"
                      value={m.role}
                      disabled={!canManage || isPending}
                      onChange={(e) =>
                        run(() => changeMemberRoleAction(slug, { membershipId: m.membershipId, role: e.target.value }), () => `Role of ${m.email} changed`)
                      }
                    >
                      {ROLES.map((role) => <option key={role} value={role}>{ROLE_LABELS[role]}</option>)}
                    </select>
                  </td>
                  <td className="table-cell text-right">
                    {canManage && m.userId !== currentUserId ? (
                      <button
                        type="button"
                        className="btn-secondary"
                        disabled={isPending}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.email} from this workspace?`)) {
                            run(() => removeMemberAction(slug, { membershipId: m.membershipId }), () => `${m.email} removed`);
                          }
                        }}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-title">
          <h2 id="invitations-title" className="mb-3 font-semibold">Pending invitations</h2>
          <ul className="card divide-y divide-slate-100">
            {invitations.map((i) => (
              <li key={i.invitationId} className="flex items-center justify-between px-4 py-3 text-sm">
                <span>
                  {i.email} · {ROLE_LABELS[i.role]} · expires {i.expiresAt.slice(0, 10)}
                </span>
                {canManage ? (
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={isPending}
                    onClick={() => run(() => revokeInvitationAction(slug, { invitationId: i.invitationId }), () => `Invitation for ${i.email} revoked`)}
                  >
                    Revoke
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
