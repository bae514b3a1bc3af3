"use client";

import { toast } from "sonner";
import { useServerAction } from "@/components/forms/use-server-action";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { SessionListItem } from "@/lib/sessions/schemas";
import { revokeSessionAction } from "./actions";

type Props = { slug: string; session: Pick<SessionListItem, "session_id" | "agent_id"> | null; onClose: () => void };

/**
 * Asks before revoking (Sessions page and an agent's page): the agent's very next call with the
 * session fails, and it cannot be undone. The server checks the role again (admins only).
 */
export function RevokeDialog({ slug, session, onClose }: Props) {
  const revoke = useServerAction(
    (input: { session_id: string }) => revokeSessionAction(slug, input),
    (data) => {
      toast.success(`Session ${data.session_id} revoked`);
      onClose();
    },
  );
  return (
    <ModalDialog isOpen={session !== null} title="Revoke this session?" onClose={onClose}>
      {session ? (
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            <strong>{session.agent_id}</strong>&apos;s session <code className="text-xs">{session.session_id}</code> stops working on its very
            next call: scope checks answer no, payments and audit writes are refused. This cannot be undone; the agent needs a new session.
          </p>
          {revoke.error ? <p role="alert" className="text-red-700">{revoke.error.message}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={onClose} data-autofocus>Cancel</button>
            <button type="button" className="btn-danger" disabled={revoke.isPending} onClick={() => revoke.run({ session_id: session.session_id })}>
              {revoke.isPending ? "Revoking…" : "Revoke session"}
            </button>
          </div>
        </div>
      ) : null}
    </ModalDialog>
  );
}
