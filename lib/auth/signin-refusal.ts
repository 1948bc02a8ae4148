import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * next-auth turns whatever the credential check throws into a redirect to the login page, with
 * the error's message in the address and status 401. A refusal that deserves another status
 * (bad input, too many attempts, the database away) is recorded here instead, for the route to
 * answer with, and next-auth only ever sees one of these fixed codes.
 */
export type SigninRefusal =
  { code: "BadRequest"; status: 400; message: string } | { code: "RateLimited"; status: 429; retryAfter: number } | { code: "Unavailable"; status: 503 };

/** Thrown by the credential check when it refuses; its message is the refusal's code. */
export class SigninRefused extends Error {}

const refusals = new AsyncLocalStorage<{ refusal?: SigninRefusal }>();

/** Runs a sign-in request and reports the refusal its credential check recorded, if any. */
export async function runSignin<T>(handle: () => Promise<T>): Promise<{ result: T; refusal?: SigninRefusal }> {
  const store: { refusal?: SigninRefusal } = {};
  const result = await refusals.run(store, handle);
  return { result, refusal: store.refusal };
}

/** Records the refusal for the route and throws the code next-auth will put in its redirect. */
export function refuseSignin(refusal: SigninRefusal): never {
  const store = refusals.getStore();
  if (store) store.refusal = refusal;
  throw new SigninRefused(refusal.code);
}
