import type { Metadata } from "next";
import { findOpenInvitation } from "@/lib/members/accept-invitation";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Join workspace" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findOpenInvitation(token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="card w-full max-w-sm p-6">
        {invitation ? (
          <>
            <h1 className="text-lg font-semibold">Join {invitation.workspace.name}</h1>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              Set a password for <strong>{invitation.email}</strong>.
            </p>
            <AcceptInvitationForm token={token} email={invitation.email} />
          </>
        ) : (
          <>
            <h1 className="text-lg font-semibold">Invitation not valid</h1>
            <p className="mt-2 text-sm text-slate-600">This link is invalid, used or expired. Ask an admin for a new one.</p>
          </>
        )}
      </div>
    </main>
  );
}
