import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { observed } from "@/lib/metrics/observe-request";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: NextRequest, context: Context) {
  return NextAuth(request, context, authOptions());
}

// Counted and timed like the API's routes (sign-in attempts, callbacks, session reads).
const observedHandler = observed(handler);

export { observedHandler as GET, observedHandler as POST };
