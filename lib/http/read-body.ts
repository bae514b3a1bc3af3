// Reads a JSON request body with a hard 1 MiB cap (checked on the header and while streaming).
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new AppError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);

export async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const YAML_TYPES = /^(application|text)\/(x-)?yaml\b/i;

/** JSON, or YAML when the Content-Type says so (policies as code). */
export async function parseBodyAs(text: string, contentType: string | null): Promise<unknown> {
  if (!contentType || !YAML_TYPES.test(contentType)) return parseJsonBody(text);
  const { parse, YAMLParseError } = await import("yaml");
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : parse(text, { maxAliasCount: 100 });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "";
    throw new AppError("invalid_request", `Malformed YAML body${where}`, { field: "body", reason: `is not valid YAML${where}` });
  }
  rejectUnstorableStrings(value, []);
  return value;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "Malformed JSON body", { field: "body", reason: "is not valid JSON" });
  }
  rejectUnstorableStrings(value, []);
  return value;
}

// PostgreSQL cannot store U+0000 in text or JSON, and lone UTF-16 surrogates are not valid
// Unicode: refuse them at the boundary with a 400 naming the field, rather than fail later.
function rejectUnstorableStrings(value: unknown, path: (string | number)[]): void {
  const check = (s: string, at: (string | number)[]) => {
    if (s.includes("\u0000") || !s.isWellFormed()) {
      const field = at.length > 0 ? at.join(".") : "body";
      throw new AppError("invalid_request", `Invalid ${field}: contains a NUL character or invalid Unicode`, {
        field,
        reason: "contains a NUL character or invalid Unicode",
      });
    }
  };
  if (typeof value === "string") return check(value, path);
  if (Array.isArray(value)) return value.forEach((item, i) => rejectUnstorableStrings(item, [...path, i]));
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      check(key, [...path, key]);
      rejectUnstorableStrings(item, [...path, key]);
    }
  }
}
