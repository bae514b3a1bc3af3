// Readable names for the actor references approvals carry ("user:usr_…", "api_key:key_…"):
// a member's name or email, an API key's name and prefix. Only this workspace's members and
// keys are looked up; anything else keeps its reference.
import { prisma } from "@/lib/db/client";

export async function actorLabels(workspaceId: string, refs: Iterable<string>): Promise<Record<string, string>> {
  const ids = { user: new Set<string>(), api_key: new Set<string>() };
  for (const ref of refs) {
    const [type, id] = ref.split(":", 2);
    if (id && (type === "user" || type === "api_key")) ids[type].add(id);
  }
  const db = await prisma();
  const [members, keys] = await Promise.all([
    ids.user.size ? db.membership.findMany({ where: { workspaceId, userId: { in: [...ids.user] } }, include: { user: true } }) : [],
    ids.api_key.size ? db.apiKey.findMany({ where: { workspaceId, id: { in: [...ids.api_key] } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  return Object.fromEntries([
    ...members.map((m) => [`user:${m.userId}`, m.user.name ?? m.user.email]),
    ...keys.map((k) => [`api_key:${k.id}`, `API key ${k.name} (${k.prefix}…)`]),
  ]);
}
