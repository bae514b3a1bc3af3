"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

export function SignOutButton({ className = "btn-secondary" }: { className?: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        // Navigate ourselves: next-auth's redirect would use NEXTAUTH_URL's host, not this page's.
        await signOut({ redirect: false });
        router.replace("/signin");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
