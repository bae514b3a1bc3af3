// On an empty database: create the `demo` workspace and its first admin, from
// WARDEN_ADMIN_EMAIL / WARDEN_ADMIN_PASSWORD or with a generated password printed once, and
// give the demo a few agents, a crew and some activity.
import { config } from "@/lib/config";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { randomToken } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { createUser } from "@/lib/users/create-user";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { seedDemoActivity } from "./seed-demo-activity";

const SYSTEM = { type: "system", id: "system" } as const;
export const DEMO_SLUG = "demo";

export async function ensureFirstRun(): Promise<{ created: boolean }> {
  const db = await prisma();
  if ((await db.workspace.count()) > 0) return { created: false };
  const cfg = config();
  const email = cfg.WARDEN_ADMIN_EMAIL ?? "admin@warden.local";
  const password = cfg.WARDEN_ADMIN_PASSWORD ?? randomToken(12);
  try {
    await createWorkspace({ slug: DEMO_SLUG, name: "Demo workspace" }, SYSTEM);
    const { workspace } = await createUser({ email, password, name: "Admin", workspace: DEMO_SLUG, role: "ADMIN" }, SYSTEM);
    await seedDemoActivity(workspace.id);
  } catch (error) {
    // Another instance seeded the empty database at the same moment.
    if (error instanceof AppError && error.code === "conflict") return { created: false };
    throw error;
  }
  const passwordLine = cfg.WARDEN_ADMIN_PASSWORD ? "(from WARDEN_ADMIN_PASSWORD)" : password;
  const banner = [
    "",
    "================================================================",
    " Warden first run: created workspace 'demo' and its admin",
    `   email:    ${email}`,
    `   password: ${passwordLine}`,
    cfg.WARDEN_ADMIN_PASSWORD ? "" : " This password is shown only once: sign in and keep it safe.",
    "================================================================",
    "",
  ];
  process.stdout.write(banner.join("\n"));
  logger.info("first run: demo workspace created", { email });
  return { created: true };
}
