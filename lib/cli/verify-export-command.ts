// `warden verify-export <file> <manifest> [--public-key <base64>]`: the offline verifier of an
// audit export. Reads only the two files: no configuration, no database, no server. Its import
// graph must stay free of the database client (tests/unit/audit-export-cli-imports.test.ts).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { startVerification } from "@/lib/audit/export/verify-export";
import { AppError } from "@/lib/errors";

export const VERIFY_EXPORT_USAGE = `  verify-export <file> <manifest> [--public-key <base64>]
                                            verify an audit export offline against its signed manifest`;

const usage = (message: string, field: string) => new AppError("invalid_request", `${message}\n\nUsage:\n${VERIFY_EXPORT_USAGE}`, { field });

function readManifest(file: string): unknown {
  const text = fs.readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`verify-export: ${file} is not JSON`);
  }
}

export async function verifyExportCommand(args: string[]): Promise<{ lines: string[]; warnings: string[] }> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { "public-key": { type: "string" } }, allowPositionals: true });
  } catch (error) {
    throw usage((error as Error).message, "argv");
  }
  const [file, manifestFile, extra] = parsed.positionals;
  if (!file || !manifestFile || extra !== undefined) throw usage("verify-export takes a file and its manifest", "argv");
  for (const path of [file, manifestFile]) {
    if (!fs.existsSync(path)) throw usage(`verify-export: no such file ${path}`, "file");
  }
  try {
    const verification = startVerification(readManifest(manifestFile), { publicKey: parsed.values["public-key"] });
    for await (const chunk of fs.createReadStream(file)) verification.write(chunk as Buffer);
    const result = verification.end();
    return { lines: [result.summary], warnings: result.warnings };
  } catch (error) {
    if (error instanceof Error && !(error instanceof AppError)) error.message = `verify-export failed: ${error.message.replace(/^verify-export: /, "")}`;
    throw error;
  }
}
