// The OpenID Provider of the single sign-on end-to-end suite: the certified `oidc-provider`
// package, unmodified, on 127.0.0.1 with one confidential client (Plumbline) and the people in
// people.json. Only the sign-in page is ours: a username and password form. Consent is granted
// without asking, as identity providers do for an organisation's own applications.
//
// Environment: IDP_PORT, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";

// oidc-provider 9 is written for Node 22 LTS and warns "Unsupported runtime" on Node 20, where it
// runs from 20.18 on: that is where Node 20 gained URL.parse, which it relies on.
if (typeof URL.parse !== "function") {
  console.error(`identity-provider: oidc-provider needs Node 20.18 or later (this is ${process.version})`);
  process.exit(1);
}

const { Provider } = await import("oidc-provider");

const { IDP_PORT, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI } = process.env;
if (!IDP_PORT || !IDP_CLIENT_ID || !IDP_CLIENT_SECRET || !IDP_REDIRECT_URI) {
  console.error("identity-provider: set IDP_PORT, IDP_CLIENT_ID, IDP_CLIENT_SECRET and IDP_REDIRECT_URI");
  process.exit(1);
}
const issuer = `http://127.0.0.1:${IDP_PORT}`;
const people = JSON.parse(fs.readFileSync(new URL("./people.json", import.meta.url), "utf8"));

const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(issuer, {
  clients: [{ client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET, redirect_uris: [IDP_REDIRECT_URI] }],
  jwks: { keys: [{ ...signingKey, kid: "e2e-signing-key", alg: "RS256", use: "sig" }] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  // Groups travel with the profile scope, as many providers map them.
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const person = people.find((p) => p.sub === sub);
    if (!person) return undefined;
    const { email, email_verified, name, groups } = person;
    return { accountId: sub, claims: () => ({ sub, email, email_verified, name, groups }) };
  },
});

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signInPage(res, uid, error) {
  res.writeHead(error ? 401 : 200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(`<!doctype html>
<html lang="en"><head><title>Test IdP: sign in</title></head><body>
<main><h1>Test IdP</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></main></body></html>`);
}

async function formBody(req) {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

/** Grants the client what it asked for, so the person goes straight back to Plumbline. */
async function grantConsent(req, res, { prompt, params, session, grantId }) {
  const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET" && !action) {
    return details.prompt.name === "consent" ? grantConsent(req, res, details) : signInPage(res, uid);
  }
  if (req.method === "POST" && action === "login") {
    const form = await formBody(req);
    const person = people.find((p) => p.login === form.get("login") && p.password === form.get("password"));
    if (!person) return signInPage(res, uid, "Wrong username or password.");
    return provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
  }
  res.writeHead(404).end();
}

const providerCallback = provider.callback();
http
  .createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match) return providerCallback(req, res);
    interaction(req, res, match[1], match[2]).catch((error) => {
      console.error("identity-provider:", error);
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" }).end(String(error.message));
    });
  })
  .listen(Number(IDP_PORT), "127.0.0.1", () => console.log(`identity-provider: ${issuer} for client ${IDP_CLIENT_ID}`));
