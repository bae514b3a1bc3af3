import { prisma } from "@/lib/db/client";
import { EmailSchema } from "@/lib/users/schemas";
import { hashPassword, verifyPassword } from "./password";
import { clearFailures, lockRemainingMs, recordFailure } from "./sign-in-throttle";

export class SignInLockedError extends Error {
  constructor(readonly minutes: number) {
    super(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

// Compared against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/** Returns the user for a correct email and password, null otherwise; throws when locked. */
export async function verifyCredentials(rawEmail: unknown, password: unknown) {
  const email = EmailSchema.safeParse(rawEmail);
  if (!email.success || typeof password !== "string" || password.length === 0) return null;
  const locked = await lockRemainingMs(email.data);
  if (locked > 0) throw new SignInLockedError(Math.ceil(locked / 60_000));
  const db = await prisma();
  const user = await db.user.findUnique({ where: { email: email.data } });
  dummyHash ??= hashPassword("not-a-real-password");
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !user.passwordHash || !isValid) {
    await recordFailure(email.data);
    return null;
  }
  await clearFailures(email.data);
  return user;
}
