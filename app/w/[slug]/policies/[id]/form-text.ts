// The builder's text conversions: a list shown comma-separated, a number shown as typed, and
// back; a value the schema would refuse is passed on as typed so the server names its field.
export const list = (items: readonly string[] | undefined) => (items ?? []).join(", ");
export const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
export type Json = Record<string, unknown>;
export const items = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);
export const number = (value: string) => (value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value.trim());
/** Only the fields that hold something. */
export const compact = (object: Json): Json | undefined => {
  const kept = Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(kept).length > 0 ? kept : undefined;
};
export const optionalNumber = (value: string) => (value.trim() === "" ? undefined : number(value));
export const optionalList = (value: string) => (items(value).length > 0 ? items(value) : undefined);
