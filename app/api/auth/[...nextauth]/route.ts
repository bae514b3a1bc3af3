import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { errorResponse, requestIdFrom } from "@/lib/http/respond";
import { authOptions } from "@/lib/auth/auth-options";
import { observed } from "@/lib/metrics/observe-request";

type Context = { params: Promise<{ nextauth: string[] }> };

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

// next-auth parses a JSON body itself and answers malformed JSON with a 500: refuse it first.
async function isMalformedJson(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || !JSON_TYPE.test(request.headers.get("content-type") ?? "")) return false;
  const text = await request.clone().text();
  try {
    if (text.trim() !== "") JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

async function handler(request: NextRequest, context: Context) {
  if (await isMalformedJson(request)) {
    const error = new AppError("invalid_request", "Malformed JSON body", { field: "body", reason: "is not valid JSON" });
    return errorResponse(error, requestIdFrom(request.headers));
  }
  return NextAuth(request, context, authOptions());
}

// Counted and timed like the API's routes (sign-in attempts, callbacks, session reads).
const observedHandler = observed(handler);

export { observedHandler as GET, observedHandler as POST };
