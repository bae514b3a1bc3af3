// Emails and payment card numbers in content, validated with the `validator` package (isEmail;
// isCreditCard, which checks the Luhn digit and the issuers' number ranges). They are hashed with
// the workspace as salt so a later message can be matched against an earlier one without either
// being stored.
import { createHash } from "node:crypto";
import validator from "validator";

export type SensitiveValue = { type: "email" | "card"; hash: string; span: [number, number] };

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
// 13–19 digits, optionally grouped by single spaces or dashes as cards are printed.
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;

export const sensitiveHash = (salt: string, type: string, value: string) => createHash("sha256").update(`${salt}\0${type}\0${value}`).digest("hex");

/**
 * Emails grown outwards from each "@" (local part at most 64 characters, domain at most 253):
 * linear in the content, where a regular expression over 256 KiB without an "@" backtracks
 * quadratically.
 */
function* emailCandidates(content: string): Generator<{ text: string; start: number }> {
  for (let at = content.indexOf("@"); at >= 0; at = content.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(content[start - 1]!)) start--;
    let end = at + 1;
    while (end < content.length && end - at <= 253 && DOMAIN_CHAR.test(content[end]!)) end++;
    while (end > at + 1 && content[end - 1] === ".") end--;
    if (start < at && end > at + 1) yield { text: content.slice(start, end), start };
  }
}

export function findSensitiveValues(content: string, salt: string): SensitiveValue[] {
  const found: SensitiveValue[] = [];
  for (const { text, start } of emailCandidates(content)) {
    if (!validator.isEmail(text)) continue;
    found.push({ type: "email", hash: sensitiveHash(salt, "email", text.toLowerCase()), span: [start, start + text.length] });
  }
  for (const match of content.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (!validator.isCreditCard(digits)) continue;
    found.push({ type: "card", hash: sensitiveHash(salt, "card", digits), span: [match.index, match.index + match[0].length] });
  }
  return found;
}
