// next-auth (v4) configuration: email + password with JWT sessions, and an optional OIDC
// provider for SSO when WARDEN_OIDC_* are set. Built lazily, because the signing secret may
// live in the data directory, which `next build` must not touch.
//
// Cookies are HttpOnly and SameSite=Lax always, and Secure with the __Secure-/__Host- name
// prefixes when the public URL (NEXTAUTH_URL) is https: behind a TLS-terminating proxy the app
// itself sees plain http, so the public URL's scheme decides, not the connection's.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db/client";
import { appSecrets } from "@/lib/setup/app-secrets";
import { acceptPendingInvitations } from "@/lib/members/accept-pending-invitations";
import { verifyCredentials } from "./verify-credentials";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const cfg = config();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const user = await verifyCredentials(credentials?.email, credentials?.password);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  if (cfg.oidc) {
    providers.push({
      id: "oidc",
      name: cfg.oidc.name,
      type: "oauth",
      wellKnown: `${cfg.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: cfg.oidc.clientId,
      clientSecret: cfg.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    });
  }
  cached = {
    secret: appSecrets().nextAuthSecret,
    useSecureCookies: cfg.NEXTAUTH_URL?.toLowerCase().startsWith("https:") ?? false,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // SSO users must already be members or have a pending invitation for their email.
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return false;
        const db = await prisma();
        const local = await acceptPendingInvitations(user.email, user.name ?? null);
        return local !== null && (await db.membership.count({ where: { userId: local.id } })) > 0;
      },
      async jwt({ token, user, account }) {
        if (user) {
          if (account?.provider === "oidc") {
            const db = await prisma();
            const local = await db.user.findUnique({ where: { email: user.email!.toLowerCase() } });
            token.uid = local?.id;
          } else {
            token.uid = user.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.uid as string | undefined };
      },
    },
  };
  return cached;
}
