import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.PLUMBLINE_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/** The production server (`node scripts/start.mjs`) on a fresh PGlite folder named after `name`. */
export function appServer(name: string, env: Record<string, string>) {
  const dataDir = `.test-data/${name}-${PORT}`;
  return {
    command: `rm -rf ${dataDir} && node scripts/start.mjs`,
    url: `${baseURL}/api/ready`,
    reuseExistingServer: false,
    // Seeding the demo takes seconds alone and minutes on a busy machine.
    timeout: 300_000,
    env: { PORT: String(PORT), PLUMBLINE_DATA_DIR: dataDir, NEXTAUTH_SECRET: "e2e-secret", NEXTAUTH_URL: baseURL, HOSTNAME: "127.0.0.1", ...env },
  };
}

/**
 * End-to-end in Debian's Chromium against the production build (`next start`), on a fresh PGlite
 * folder in demo mode. Playwright's own browser download is not used: it cannot be fetched here.
 */
export default defineConfig({
  testDir: "e2e",
  // Single sign-on runs against its own identity provider and server: playwright.sso.config.ts.
  // The accessibility spec runs here too, against the same build and server (npm run test:a11y runs it alone).
  testIgnore: ["sso/**"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: ".test-data/reports/e2e.json" }]],
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-gpu"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: appServer("e2e", { PLUMBLINE_DEMO: "1", PLUMBLINE_WEBHOOK_ALLOW_PRIVATE: "1" }),
});
