/** A tiny HTTP client for integration tests: real requests against a running server. */
export class Session {
  private cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const headers: Record<string, string> = { ...extra };
    if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
    return this.send(method, path, body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body), headers);
  }

  /** Sends a body exactly as given (bytes or a stream too), with no Content-Type unless `extra` has one. */
  async send(method: string, path: string, body: BodyInit | undefined, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    // Browsers send Origin on every state-changing fetch; the server insists on it with a session.
    if (method !== "GET" && !("origin" in headers)) headers.origin = this.baseUrl;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body,
      redirect: "manual",
      signal,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    });
    this.keep(res);
    return res;
  }

  get(path: string) {
    return this.request("GET", path);
  }

  /** next-auth's credentials flow, as a browser does it: CSRF token, then the form post. */
  async signIn(email: string, password = "plumbline-demo", ip?: string): Promise<Response> {
    const ipHeader: Record<string, string> = ip ? { "x-forwarded-for": ip } : {};
    const csrf = await this.request("GET", "/api/auth/csrf", undefined, ipHeader);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
    return this.request("POST", "/api/auth/callback/credentials", form, { "content-type": "application/x-www-form-urlencoded", ...ipHeader });
  }

  /** The same sign-in with a JSON body, which next-auth accepts as well as a form. */
  async signInJson(email: unknown, password: unknown = "plumbline-demo", extra: Record<string, string> = {}): Promise<Response> {
    const csrf = await this.request("GET", "/api/auth/csrf", undefined, extra);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return this.request("POST", "/api/auth/callback/credentials", { csrfToken, email, password, json: "true" }, extra);
  }

  hasSessionCookie(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}

export const DEMO_KEY = "plb_demo_key_0123456789abcdef";

export async function signedIn(baseUrl: string, email: string): Promise<Session> {
  const session = new Session(baseUrl);
  const res = await session.signIn(email);
  if (res.status !== 200 || !session.hasSessionCookie()) throw new Error(`sign-in as ${email} failed with ${res.status}`);
  return session;
}

export function keySession(baseUrl: string, key: string): Session {
  return new Session(baseUrl, { authorization: `Bearer ${key}` });
}

export interface AuditEntry {
  seq: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** Audit entries matching a query, read as an admin. */
export async function auditEntries(baseUrl: string, query: string): Promise<AuditEntry[]> {
  const admin = await signedIn(baseUrl, "admin@example.com");
  const res = await admin.get(`/api/v1/audit?${query}`);
  if (res.status !== 200) throw new Error(`reading the audit trail failed with ${res.status}`);
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
}
