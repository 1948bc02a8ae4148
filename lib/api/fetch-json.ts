/** An answer of our own API that was not a success: the contract's error, with the fields at fault. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }

  /** The message for one field, so a form can show it beside the control. */
  fieldError(path: string): string | undefined {
    return this.details.find((d) => d.path === path)?.message;
  }
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const answer = await res.json().catch(() => null);
  if (!res.ok) throw new ApiRequestError(res.status, answer?.error?.message ?? `Request failed with ${res.status}`, answer?.error?.details ?? []);
  return answer as T;
}

/** Client-side GET of our own API: the contract's error message surfaces as the thrown Error. */
export function fetchJson<T>(url: string): Promise<T> {
  return request<T>(url, { headers: { accept: "application/json" } });
}

/** Client-side state change on our own API (same origin, so the session cookie and Origin ride along). */
export function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  return request<T>(url, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
