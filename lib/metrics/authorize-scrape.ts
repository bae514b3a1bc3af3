// Who may read /api/metrics: whoever sends `Authorization: Bearer <WARDEN_METRICS_TOKEN>`.
// Without the setting the endpoint does not exist (404), so an unconfigured server reveals
// nothing; a missing or wrong token is 401. The comparison takes the same time for any token.
import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function authorizeScrape(headers: Headers, token = config().WARDEN_METRICS_TOKEN): void {
  if (token === undefined) throw new AppError("not_found", "Metrics are disabled: set WARDEN_METRICS_TOKEN to enable /api/metrics");
  const given = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (given === undefined || !timingSafeEqual(digest(given), digest(token))) {
    throw new AppError("unauthorized", "Missing or wrong metrics token: send Authorization: Bearer <WARDEN_METRICS_TOKEN>");
  }
}
