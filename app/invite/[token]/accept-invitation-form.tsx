"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await acceptInvitationAction({
        token,
        name: String(form.get("name") ?? "") || undefined,
        password: String(form.get("password") ?? ""),
      });
      if (!result.ok) return void setError(result.error);
      router.push(`/signin?email=${encodeURIComponent(email)}`);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div>
        <label htmlFor="name" className="label">Your name</label>
        <input id="name" name="name" className="input" maxLength={100} />
      </div>
      <div>
        <label htmlFor="password" className="label">Password (8+ characters)</label>
        <input id="password" name="password" type="password" minLength={8} required autoComplete="new-password" className="input" />
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <button type="submit" className="btn-primary w-full" disabled={isPending}>Join workspace</button>
    </form>
  );
}
