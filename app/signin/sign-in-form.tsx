"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

type Props = { callbackUrl: string; initialError?: string; initialEmail: string; sso: { name: string } | null };

export function SignInForm({ callbackUrl, initialError, initialEmail, sso }: Props) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [isPending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error === "CredentialsSignin" || !result?.error ? "Wrong email or password." : result.error);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Sign in with email">
        <div>
          <label htmlFor="email" className="label">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required defaultValue={initialEmail} className="input" />
        </div>
        <div>
          <label htmlFor="password" className="label">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
        </div>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>
        ) : null}
        <button type="submit" className="btn-primary w-full" disabled={isPending}>
          {isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso ? (
        <button type="button" className="btn-secondary w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          {`Sign in with ${sso.name}`}
        </button>
      ) : null}
    </div>
  );
}
