/** A number input's value: empty means "not set" (null); anything else must read as a number. */
export function optionalNumber(raw: string): number | null | "invalid" {
  const text = raw.trim();
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : "invalid";
}
