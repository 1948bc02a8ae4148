/** Client-side GET of our own API: the contract's error message surfaces as the thrown Error. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed with ${res.status}`);
  return body as T;
}

/** Client-side state change on our own API (same origin, so the session cookie and Origin ride along). */
export async function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json().catch(() => null);
  if (!res.ok) throw new Error(answer?.error?.message ?? `Request failed with ${res.status}`);
  return answer as T;
}
