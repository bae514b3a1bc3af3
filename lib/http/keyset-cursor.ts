// Keyset paging for lists ordered by (created_at, id), newest first: the cursor is
// "<created_at ISO>~<id>" base64url-encoded — the last row of the page before. A cursor that does
// not decode to that shape, or names an id of another kind, is refused naming the field.
import { z } from "zod";

export type KeysetCursor = { createdAt: Date; id: string };

export const encodeKeysetCursor = (createdAt: string, id: string) => Buffer.from(`${createdAt}~${id}`, "utf8").toString("base64url");

/** The cursor schema of a list whose ids carry `prefix` (e.g. "ses_", "aud_"). */
export function keysetCursorSchema(prefix: string) {
  const shape = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)~(${prefix}[0-9A-Za-z]{1,60})$`);
  return z
    .string()
    .max(200)
    .transform((cursor, ctx): KeysetCursor => {
      const match = shape.exec(Buffer.from(cursor, "base64url").toString("utf8"));
      if (!match) {
        ctx.addIssue({ code: "custom", message: "is not a cursor this list returned" });
        return z.NEVER;
      }
      return { createdAt: new Date(match[1]!), id: match[2]! };
    });
}
