import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  // Compare against a dummy hash when the account has none, so timing does not reveal which emails exist.
  return bcrypt.compare(password, hash ?? DUMMY_HASH);
}

const DUMMY_HASH = "$2b$12$bb.OwGFPmACQZmYD5/y5wO1zKNgP0mV2ILDrgmxs/eQrNdry2NTUG";

/** A one-time password for a new or re-enabled account: 18 random bytes, URL-safe. */
export function oneTimePassword(): string {
  return randomBytes(18).toString("base64url");
}
