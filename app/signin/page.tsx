import type { Metadata } from "next";
import { sameSiteCallbackUrl } from "@/lib/auth/callback-url";
import { config } from "@/lib/config";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  AccessDenied: "Your account is not a member of any workspace.",
  OAuthSignin: "Single sign-on failed. Try again.",
  OAuthCallback: "Single sign-on failed. Try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const oidc = config().oidc;
  const callbackUrl = sameSiteCallbackUrl(params.callbackUrl);
  const initialError = params.error ? (ERROR_MESSAGES[params.error] ?? params.error) : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-2xl font-bold text-brand-700">Warden</div>
          <p className="mt-1 text-sm text-slate-600">Governance for AI agent crews</p>
        </div>
        <div className="card p-6">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <SignInForm
            callbackUrl={callbackUrl}
            initialError={initialError}
            initialEmail={params.email ?? ""}
            sso={oidc ? { name: oidc.name } : null}
          />
        </div>
      </div>
    </main>
  );
}
