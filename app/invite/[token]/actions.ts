"use server";

import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/http/validation";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { AcceptInvitationSchema } from "@/lib/members/schemas";

export async function acceptInvitationAction(input: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await acceptInvitation(parseWith(AcceptInvitationSchema, input, "body"));
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
}
