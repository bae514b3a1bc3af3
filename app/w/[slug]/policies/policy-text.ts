// A policy document as text (YAML or JSON) and back, with the editor's checks: syntax errors
// with their line, then PolicyDocumentSchema's issues with their path. Runs in the browser.
import { parse, stringify, YAMLParseError } from "yaml";
import { PolicyDocumentSchema, type PolicyDocument } from "@/lib/policies/schemas";

export type TextFormat = "yaml" | "json";
export type TextIssue = { path: string; message: string };
export type TextCheck = { ok: true; document: PolicyDocument; value: unknown } | { ok: false; issues: TextIssue[]; value?: unknown };

export const toText = (document: unknown, format: TextFormat) =>
  format === "yaml" ? stringify(document, { lineWidth: 0 }) : `${JSON.stringify(document, null, 2)}\n`;

function lineOfJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const line = text.slice(0, Number(position[1])).split("\n").length;
  return `line ${line}: ${message.replace(/^JSON\.parse: /, "")}`;
}

export function parseText(text: string, format: TextFormat): { ok: true; value: unknown } | { ok: false; issue: TextIssue } {
  if (format === "json") {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, issue: { path: "JSON", message: lineOfJsonError(text, error) } };
    }
  }
  try {
    return { ok: true, value: text.trim() === "" ? {} : parse(text, { maxAliasCount: 100 }) };
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const where = error.linePos?.[0] ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}: ` : "";
    return { ok: false, issue: { path: "YAML", message: `${where}${error.message.split("\n")[0]}` } };
  }
}

/** Every schema issue, each named by its path from the document's root (rules.0.effect). */
export function checkDocument(value: unknown): TextCheck {
  const result = PolicyDocumentSchema.safeParse(value);
  if (result.success) return { ok: true, document: result.data, value };
  const issues = result.error.issues.map((issue) => {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
    const message = issue.code === "unrecognized_keys" ? "is not a known field" : issue.message.replace(/^Invalid input: /, "");
    return { path: path.length > 0 ? path.join(".") : "(document)", message };
  });
  return { ok: false, issues, value };
}

export function checkText(text: string, format: TextFormat): TextCheck {
  const parsed = parseText(text, format);
  return parsed.ok ? checkDocument(parsed.value) : { ok: false, issues: [parsed.issue] };
}

export const fileName = (policyName: string, suffix: string) =>
  `${policyName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "policy"}-${suffix}.yaml`;

/** Offers `text` as a file download. */
export function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
