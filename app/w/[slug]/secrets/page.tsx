import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { listSecrets } from "@/lib/vault/manage-secrets";
import { SecretsClient } from "./secrets-client";

export const metadata: Metadata = { title: "Secrets" };

export default async function SecretsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  // Names and metadata only: listSecrets never returns a value, so none can reach the browser.
  const secrets = await listSecrets(member.workspace.id);
  return (
    <>
      <PageHeader
        title="Secrets"
        description="Credentials kept in the vault. Agents read a secret through a session that holds its required scope; values are write-only here."
      />
      <SecretsClient slug={member.workspace.slug} secrets={secrets} canManage={roleCan(member.role, "workspace:manage")} />
    </>
  );
}
