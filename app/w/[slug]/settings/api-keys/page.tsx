import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { KNOWN_SCOPES } from "@/lib/auth/scopes";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { ApiKeysClient } from "./api-keys-client";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const keys = await listApiKeys(member.workspace.id, { includeRevoked: true });
  return (
    <ApiKeysClient
      slug={member.workspace.slug}
      keys={keys}
      scopes={KNOWN_SCOPES.filter((s) => !s.endsWith(":*"))}
      canManage={roleCan(member.role, "workspace:manage")}
    />
  );
}
