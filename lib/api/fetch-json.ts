/** Client-side GET of our own API: the contract's error message surfaces as the thrown Error. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed with ${res.status}`);
  return body as T;
}
