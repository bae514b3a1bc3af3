// Runs an operator CLI command inside this server, for a CLI that cannot open the embedded
// database while the server holds it. Authenticated by the token in the data directory.
import { z } from "zod";
import { runCliCommand } from "@/lib/cli/run-command";
import { AppError } from "@/lib/errors";
import { parseJsonBody, readBodyText } from "@/lib/http/read-body";
import { errorResponse, json, requestIdFrom } from "@/lib/http/respond";
import { parseWith } from "@/lib/http/validation";
import { isValidCliToken } from "@/lib/setup/server-handle";

const CliRequestSchema = z.object({ argv: z.array(z.string().max(10_000)).max(50) });

export async function POST(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    if (!isValidCliToken(request.headers.get("x-warden-cli-token"))) {
      throw new AppError("unauthorized", "Invalid CLI token");
    }
    const { argv } = parseWith(CliRequestSchema, parseJsonBody(await readBodyText(request)), "body");
    return json(await runCliCommand(argv), 200, requestId);
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
