// Proving the server, not the page, refuses a role: capture the server-action request an
// allowed member's browser sends, then send it again from another member's page (with that
// member's session), as a script on their page could.
import type { Page, Request } from "@playwright/test";

export type ActionCall = { url: string; headers: Record<string, string>; body: string };

export const isServerAction = (request: Request) => request.method() === "POST" && "next-action" in request.headers();

/** The parts of a server-action request a browser script can send again. */
export function actionCall(request: Request): ActionCall {
  const headers = request.headers();
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept"].filter((h) => headers[h] !== undefined);
  return { url: request.url(), headers: Object.fromEntries(keep.map((h) => [h, headers[h]!])), body: request.postData() ?? "" };
}

/** Sends a captured server-action request from the page, with its user's session. */
export const replay = (page: Page, call: ActionCall) =>
  page.evaluate(async ({ url, headers, body }) => {
    const response = await fetch(url, { method: "POST", headers, body });
    return { status: response.status, body: await response.text() };
  }, call);
