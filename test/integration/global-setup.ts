import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeOidc } from "../support/fake-oidc";
import { createScratchDatabase, startServer, type EngineServer } from "../support/servers";

export const KEY_RATE_LIMIT = 600;
const OIDC_CLIENT_ID = "plumbline-test";

declare module "vitest" {
  export interface ProvidedContext {
    servers: EngineServer[];
    postgresAdminUrl: string | null;
    oidcIssuer: string;
  }
}

/**
 * One running server per engine, from the production build: PGlite always, PostgreSQL when
 * TEST_POSTGRES_URL names one (in a fresh database of its own, dropped afterwards).
 */
export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];
  const servers: EngineServer[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-it-"));
  // PLUMBLINE_TEST_PORT lets two test runs share a machine without sharing a port.
  const port = Number(process.env.PLUMBLINE_TEST_PORT ?? 3101);
  // Quiet, deterministic servers: no live simulator, and a key rate limit a test can reach. The
  // loopback is trusted as a reverse proxy, so tests speak for many clients through X-Forwarded-For.
  const idp = await startFakeOidc(port + 50, OIDC_CLIENT_ID);
  cleanups.push(idp.stop);
  const oidc = { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: "test-secret", OIDC_ROLES_CLAIM: "groups" };
  // The per-person limit is raised out of reach: the hostile-input suite sends thousands of requests
  // as a few people (the limit itself is tested on servers of its own, in security-untrusted).
  const common = {
    PLUMBLINE_SIMULATOR: "0",
    PLUMBLINE_KEY_RATE_LIMIT: String(KEY_RATE_LIMIT),
    PLUMBLINE_USER_RATE_LIMIT: "1000000",
    PLUMBLINE_TRUSTED_PROXIES: "127.0.0.1,::1",
    ...oidc,
  };
  const pglite = await startServer(port, { ...common, PLUMBLINE_DATA_DIR: dataDir });
  cleanups.push(pglite.stop, async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  servers.push({ engine: "pglite", baseUrl: pglite.baseUrl });

  const adminUrl = process.env.TEST_POSTGRES_URL ?? null;
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl, "it");
    const postgres = await startServer(port + 1, { ...common, DATABASE_URL: scratch.url });
    cleanups.push(postgres.stop, scratch.drop);
    servers.push({ engine: "postgres", baseUrl: postgres.baseUrl, databaseUrl: scratch.url });
  } else {
    console.warn("\n*** TEST_POSTGRES_URL is not set: the integration suite runs on PGlite ONLY, not on PostgreSQL. ***\n");
  }
  project.provide("servers", servers);
  project.provide("postgresAdminUrl", adminUrl);
  project.provide("oidcIssuer", idp.issuer);

  return async () => {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error("cleanup failed:", e));
  };
}
