/**
 * Where to go after signing in: a path on this app, never another site. The value is resolved
 * against the app's origin exactly as a browser resolves it (so `/\evil.example`,
 * `/<tab>/evil.example`, `//evil.example` and `https://evil.example` all name another host and
 * are refused), and the answer is rebuilt from the parsed URL with its leading slashes collapsed,
 * so that it cannot be read as a protocol-relative address later.
 */
export function sameOriginPath(value: string | null | undefined, origin: string, fallback = "/"): string {
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  return `/${url.pathname.replace(/^\/+/, "")}${url.search}${url.hash}`;
}
