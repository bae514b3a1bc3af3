// Failed sign-ins are counted per email in the database (so the limit holds across server
// processes): after MAX_FAILURES within WINDOW_MS the email is locked for LOCK_MS.
import { prisma } from "@/lib/db/client";

export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

/** Milliseconds until sign-in is allowed again, or 0. */
export async function lockRemainingMs(email: string): Promise<number> {
  const db = await prisma();
  const row = await db.signInThrottle.findUnique({ where: { key: email } });
  const remaining = row?.lockedUntil ? row.lockedUntil.getTime() - Date.now() : 0;
  return Math.max(0, remaining);
}

export async function recordFailure(email: string): Promise<void> {
  const db = await prisma();
  const now = new Date();
  await db.$transaction(async (tx) => {
    const row = await tx.signInThrottle.findUnique({ where: { key: email } });
    const inWindow = row !== null && now.getTime() - row.windowStart.getTime() < WINDOW_MS;
    const failures = inWindow ? row.failures + 1 : 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
    await tx.signInThrottle.upsert({
      where: { key: email },
      create: { key: email, failures, windowStart: now, lockedUntil },
      update: { failures, windowStart: inWindow ? row.windowStart : now, lockedUntil },
    });
  });
}

export async function clearFailures(email: string): Promise<void> {
  const db = await prisma();
  await db.signInThrottle.deleteMany({ where: { key: email } });
}
