import { z } from "zod";
import { PasswordRules } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/roles";

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address").max(254));
export const PasswordSchema = z
  .string()
  .min(PasswordRules.minLength, `must be at least ${PasswordRules.minLength} characters`)
  .max(PasswordRules.maxLength);
export const RoleSchema = z.enum(ROLES);

export const CreateUserSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  name: z.string().trim().max(100).optional(),
  workspace: z.string().min(1),
  role: RoleSchema,
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;
