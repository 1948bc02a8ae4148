import people from "./people.json";

/**
 * The identity provider of the single sign-on end-to-end suite: the real `oidc-provider` on
 * localhost (see identity-provider.mjs), five ports above the app, with one client (this app)
 * and the people in people.json.
 */
const appPort = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100);
const idpPort = appPort + 5;

export const IDP = {
  port: idpPort,
  issuer: `http://127.0.0.1:${idpPort}`,
  name: "Test IdP",
  clientId: "plumbline-e2e",
  clientSecret: "e2e-client-secret-at-the-idp",
};

export type IdpPerson = (typeof people)[number];
export const IDP_PEOPLE: IdpPerson[] = people;
