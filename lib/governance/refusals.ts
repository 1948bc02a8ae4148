import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { apiError, ApiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db";
import type { Refusal } from "./rules";

export function refusalError(refusal: Refusal): ApiError {
  return apiError(refusal.status, refusal.reason);
}

/**
 * Runs a governance decision; when the rules refuse it with 403, records the refusal in the audit
 * trail (contract 4.6: every 403). The record is written after the decision's transaction rolled
 * back, so a refused attempt leaves the audit entry and nothing else.
 */
export async function auditingRefusals<T>(
  db: Db,
  by: Caller,
  attempt: { action: string; target: string; detail: Record<string, unknown> },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      await appendAudit(db, by, {
        action: "access.denied",
        target: attempt.target,
        outcome: "denied",
        detail: { attempted: attempt.action, reason: error.message, ...attempt.detail },
      });
    }
    throw error;
  }
}
