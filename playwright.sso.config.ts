import { defineConfig } from "@playwright/test";
import { IDP } from "./e2e/sso/setup";
import base, { appServer } from "./playwright.config";

/**
 * Single sign-on end to end: the real `oidc-provider` as the identity provider, and the app as an
 * SSO-only production deployment (password sign-in switched off, no demo data, so it starts in
 * seconds). `npm test` and `npm run test:e2e` run it after the main suite.
 */
const redirectUri = `${base.use?.baseURL}/api/auth/callback/oidc`;

export default defineConfig({
  ...base,
  testDir: "e2e/sso",
  testIgnore: undefined,
  reporter: [["list"], ["json", { outputFile: ".test-data/reports/e2e-sso.json" }]],
  webServer: [
    {
      command: "node e2e/sso/identity-provider.mjs",
      url: `${IDP.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { IDP_PORT: String(IDP.port), IDP_CLIENT_ID: IDP.clientId, IDP_CLIENT_SECRET: IDP.clientSecret, IDP_REDIRECT_URI: redirectUri },
    },
    appServer("e2e-sso", {
      PLUMBLINE_DEMO: "0",
      PLUMBLINE_PASSWORD_SIGNIN: "0",
      OIDC_ISSUER: IDP.issuer,
      OIDC_CLIENT_ID: IDP.clientId,
      OIDC_CLIENT_SECRET: IDP.clientSecret,
      OIDC_NAME: IDP.name,
    }),
  ],
});
