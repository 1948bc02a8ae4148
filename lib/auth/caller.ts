import type { Principal } from "./principal";
import { actorOf } from "./principal";

/**
 * Who is acting, as the audit trail records it: the name (`email`, `key:<prefix>` or `system`),
 * the address the request came from, and the principal when there is one (sign-in attempts and
 * background work have none).
 */
export interface Caller {
  actor: string;
  ip: string | null;
  principal?: Principal;
}

/** Background work: the evaluator, retention, demo seeding. */
export const SYSTEM_CALLER: Caller = { actor: "system", ip: null };

export function callerOf(principal: Principal, ip: string | null): Caller {
  return { actor: actorOf(principal), ip, principal };
}

/** The signed-in person behind a caller, if it is one. */
export function userIdOf(caller: Caller): string | undefined {
  return caller.principal?.kind === "user" ? caller.principal.id : undefined;
}
