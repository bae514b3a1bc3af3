import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

const PASSWORD = "correct horse battery staple";

describe("password hashing", () => {
  it("stores scrypt with its parameters, salt and hash", async () => {
    const stored = await hashPassword(PASSWORD);
    const [scheme, n, r, p, salt, hash] = stored.split("$");
    expect(scheme).toBe("scrypt");
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64")).toHaveLength(64);
    expect(stored).not.toContain(PASSWORD);
  });

  it("salts every hash, so the same password hashes differently twice", async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });

  it("verifies the right password", async () => {
    expect(await verifyPassword(PASSWORD, await hashPassword(PASSWORD))).toBe(true);
  });

  it("refuses a wrong password", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("refuses the right password against a tampered hash", async () => {
    const parts = (await hashPassword(PASSWORD)).split("$");
    const hash = Buffer.from(parts[5]!, "base64");
    hash[0] ^= 0x01;
    parts[5] = hash.toString("base64");
    expect(await verifyPassword(PASSWORD, parts.join("$"))).toBe(false);
  });

  it("refuses the right password against a tampered salt", async () => {
    const parts = (await hashPassword(PASSWORD)).split("$");
    const salt = Buffer.from(parts[4]!, "base64");
    salt[0] ^= 0x01;
    parts[4] = salt.toString("base64");
    expect(await verifyPassword(PASSWORD, parts.join("$"))).toBe(false);
  });

  it("refuses the right password against a truncated hash", async () => {
    const parts = (await hashPassword(PASSWORD)).split("$");
    parts[5] = Buffer.from(parts[5]!, "base64").subarray(0, 32).toString("base64");
    expect(await verifyPassword(PASSWORD, parts.join("$"))).toBe(false);
  });

  it("refuses stored values that are not scrypt hashes", async () => {
    for (const stored of ["", PASSWORD, "bcrypt$2b$10$abc$def", "scrypt$32768$8$1$$", "scrypt"]) {
      expect(await verifyPassword(PASSWORD, stored), stored).toBe(false);
    }
  });

  it("refuses, rather than throws on, a stored hash whose scrypt parameters were tampered with", async () => {
    const parts = (await hashPassword(PASSWORD)).split("$");
    for (const n of ["1", "3", "abc", ""]) {
      const tampered = ["scrypt", n, ...parts.slice(2)].join("$");
      await expect(verifyPassword(PASSWORD, tampered), `N=${n}`).resolves.toBe(false);
    }
  });
});
