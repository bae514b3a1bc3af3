// Emails and payment card numbers in content, validated with the `validator` package (isEmail;
// isCreditCard, which checks the Luhn digit and the issuers' number ranges). They are hashed with
// the workspace as salt so a later message can be matched against an earlier one without either
// being stored.
import { createHash } from "node:crypto";
import validator from "validator";

export type SensitiveValue = { type: "email" | "card"; hash: string; span: [number, number] };

const EMAIL_CANDIDATE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 13–19 digits, optionally grouped by single spaces or dashes as cards are printed.
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;

export const sensitiveHash = (salt: string, type: string, value: string) => createHash("sha256").update(`${salt}\0${type}\0${value}`).digest("hex");

export function findSensitiveValues(content: string, salt: string): SensitiveValue[] {
  const found: SensitiveValue[] = [];
  for (const match of content.matchAll(EMAIL_CANDIDATE)) {
    if (!validator.isEmail(match[0])) continue;
    found.push({ type: "email", hash: sensitiveHash(salt, "email", match[0].toLowerCase()), span: [match.index, match.index + match[0].length] });
  }
  for (const match of content.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (!validator.isCreditCard(digits)) continue;
    found.push({ type: "card", hash: sensitiveHash(salt, "card", digits), span: [match.index, match.index + match[0].length] });
  }
  return found;
}
