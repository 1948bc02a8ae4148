import "server-only";
import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX_LENGTH = 12;

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateKey(): string {
  return `plb_${randomBytes(24).toString("base64url")}`;
}

export function prefixOf(key: string): string {
  return key.slice(0, KEY_PREFIX_LENGTH);
}
