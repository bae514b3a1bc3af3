import { z } from "zod";

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1-40 lowercase letters, digits or dashes");

export const CreateWorkspaceSchema = z.object({
  slug: SlugSchema,
  name: z.string().trim().min(1).max(100).optional(),
});
export type CreateWorkspaceInput = z.input<typeof CreateWorkspaceSchema>;
