import { z } from "zod";
import { EmailSchema, PasswordSchema, RoleSchema } from "@/lib/users/schemas";

export const InviteMemberSchema = z.object({ email: EmailSchema, role: RoleSchema });
export const ChangeRoleSchema = z.object({ membershipId: z.string().startsWith("mem_"), role: RoleSchema });
export const RemoveMemberSchema = z.object({ membershipId: z.string().startsWith("mem_") });
export const RevokeInvitationSchema = z.object({ invitationId: z.string().startsWith("inv_") });
export const AcceptInvitationSchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().max(100).optional(),
  password: PasswordSchema,
});

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
