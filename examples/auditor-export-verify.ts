// An auditor's check of a workspace's audit trail, end to end:
//   1. the server recomputes the whole hash chain (WardenClient.verifyAudit, an audit:read key);
//   2. the auditor downloads a signed export of exactly that chain (JSON Lines + manifest, the
//      dashboard download for signed-in auditors and admins);
//   3. the export is verified offline with the code of `warden verify-export`: every entry's hash,
//      the links, the file's SHA-256 and the manifest's Ed25519 signature.
// It prints one `RESULT {json}` line and exits 0 only when every step passed.
//
//   WARDEN_BASE_URL=http://localhost:3000/api WARDEN_API_KEY=<audit:read key> WARDEN_WORKSPACE=<slug> \
//   WARDEN_AUDITOR_EMAIL=... WARDEN_AUDITOR_PASSWORD=... [WARDEN_EXPORT_PUBLIC_KEY=<base64>] \
//   [WARDEN_EXPORT_DIR=<dir to keep the files>] npx tsx examples/auditor-export-verify.ts
//
// Re-check saved files later, without any server:  npx tsx examples/auditor-export-verify.ts --offline <file> <manifest>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifyExport } from "@/lib/audit/export/verify-export";
import { WardenClient } from "@/sdk/typescript/src/index";

type Result = Record<string, unknown> & { verified: boolean };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see the usage at the top of examples/auditor-export-verify.ts)`);
  return value;
}

/** Signs in like the browser does (next-auth credentials: CSRF token, then a form post); returns the cookie header. */
async function signIn(origin: string, email: string, password: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(response);
  if (![...cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) throw new Error(`signing in as ${email} failed (wrong email or password?)`);
  return header();
}

async function download(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${new URL(url).pathname} answered ${response.status}: ${await response.text()}`);
  return response.text();
}

/** Verifies an export and its manifest as `warden verify-export` does; throws naming the entry that fails. */
function verifyOffline(file: string, manifestText: string, publicKey: string | undefined) {
  const verification = verifyExport(file, JSON.parse(manifestText), { publicKey });
  const { manifest } = verification;
  return { summary: verification.summary, warnings: verification.warnings, entries: manifest.entry_count, through_seq: manifest.through_seq, first_seq: manifest.first?.seq ?? null, last_seq: manifest.last?.seq ?? null };
}

async function online(): Promise<Result> {
  const client = new WardenClient({ apiKey: required("WARDEN_API_KEY"), baseUrl: required("WARDEN_BASE_URL") });
  const origin = client.baseUrl.replace(/\/api$/, "");
  const slug = required("WARDEN_WORKSPACE");
  const cookie = await signIn(origin, required("WARDEN_AUDITOR_EMAIL"), required("WARDEN_AUDITOR_PASSWORD"));

  const chain = await client.verifyAudit();
  if (!chain.verified) return { verified: false, step: "server", chain };
  // Export exactly the chain the server just verified, so both checks cover the same entries.
  const query = new URLSearchParams({ format: "jsonl", through: String(chain.entries_checked) });
  const exportUrl = `${origin}/w/${encodeURIComponent(slug)}/audit/export`;
  const file = await download(`${exportUrl}?${query}`, cookie);
  const manifestText = await download(`${exportUrl}/manifest?${query}`, cookie);

  const dir = process.env.WARDEN_EXPORT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "warden-audit-"));
  fs.mkdirSync(dir, { recursive: true });
  const files = { export: path.join(dir, `${slug}.jsonl`), manifest: path.join(dir, `${slug}.manifest.json`) };
  fs.writeFileSync(files.export, file);
  fs.writeFileSync(files.manifest, manifestText);

  const offline = verifyOffline(file, manifestText, process.env.WARDEN_EXPORT_PUBLIC_KEY);
  const isComplete = offline.entries === chain.entries_checked && offline.first_seq === 1 && offline.last_seq === chain.entries_checked;
  return { verified: isComplete, server: { verified: chain.verified, entries_checked: chain.entries_checked }, offline, files, ...(isComplete ? {} : { error: "the export does not hold the whole verified chain" }) };
}

function offlineOnly(file: string | undefined, manifest: string | undefined): Result {
  if (!file || !manifest) throw new Error("--offline needs the export file and its manifest: --offline <file> <manifest>");
  const offline = verifyOffline(fs.readFileSync(file, "utf8"), fs.readFileSync(manifest, "utf8"), process.env.WARDEN_EXPORT_PUBLIC_KEY);
  return { verified: true, offline };
}

async function main(): Promise<Result> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "--offline") return offlineOnly(rest[0], rest[1]);
  if (mode !== undefined) throw new Error(`unknown argument ${mode}: run without arguments, or with --offline <file> <manifest>`);
  return online();
}

const result = await main().catch((error: unknown): Result => ({ verified: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
console.log(`RESULT ${JSON.stringify(result)}`);
process.exitCode = result.verified ? 0 : 1;
