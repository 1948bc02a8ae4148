import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import http from "node:http";

/**
 * A minimal OpenID Connect provider for tests: discovery, JWKS, an authorize endpoint that signs
 * in whoever the test named last (`POST /next-identity`), and a token endpoint issuing RS256 ID tokens.
 */
export async function startFakeOidc(port: number, clientId: string) {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };
  const codes = new Map<string, Record<string, unknown>>();
  let nextIdentity: Record<string, unknown> = { sub: "nobody", email: "nobody@example.com" };

  const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
  function idToken(claims: Record<string, unknown>, accessToken: string) {
    const now = Math.floor(Date.now() / 1000);
    const atHash = createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
    const body = `${b64({ alg: "RS256", typ: "JWT", kid: "test-key" })}.${b64({ iss: issuer, aud: clientId, iat: now, exp: now + 300, at_hash: atHash, ...claims })}`;
    return `${body}.${sign("RSA-SHA256", Buffer.from(body), privateKey).toString("base64url")}`;
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/next-identity" && req.method === "POST") {
      nextIdentity = JSON.parse(raw);
      return json(200, { ok: true });
    }
    if (url.pathname === "/authorize") {
      const code = randomBytes(12).toString("hex");
      codes.set(code, nextIdentity);
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      return res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      const code = new URLSearchParams(raw).get("code") ?? "";
      const identity = codes.get(code);
      codes.delete(code);
      if (!identity) return json(400, { error: "invalid_grant" });
      const accessToken = randomBytes(16).toString("hex");
      return json(200, { access_token: accessToken, token_type: "Bearer", expires_in: 300, id_token: idToken(identity, accessToken) });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
