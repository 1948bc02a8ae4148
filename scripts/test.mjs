// `npm test`: every suite, in order, each named as it starts; stops at the first that fails.
// Typecheck · lint · unit · production build · integration (PGlite, and PostgreSQL when
// TEST_POSTGRES_URL is set), the hostile-input probes among them on the same servers · end-to-end
// in headless Chromium against `next start`, the accessibility spec among them on the same server ·
// single sign-on end to end through a real OpenID provider. The reliability suite passes here but
// runs on its own (npm run test:reliability): with it, CI's run comes too close to its 30 minutes.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const totals = { passed: 0, failed: 0 };

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed after ${seconds} s`);
    summarise();
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${seconds} s)`);
}

function countVitest(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
}

function countPlaywright(file) {
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += stats.expected;
  totals.failed += stats.unexpected + stats.flaky;
}

function summarise() {
  for (const [file, count] of [
    [".test-data/reports/unit.json", countVitest],
    [".test-data/reports/integration.json", countVitest],
    [".test-data/reports/e2e.json", countPlaywright],
    [".test-data/reports/e2e-sso.json", countPlaywright],
  ]) {
    if (fs.existsSync(file)) count(file);
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log(`Chromium is missing at ${CHROMIUM}: installing Debian's chromium with apt-get…`);
    run("install chromium", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"]);
    return;
  }
  console.error(`End-to-end tests need Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

fs.rmSync(".test-data/reports", { recursive: true, force: true });
fs.mkdirSync(".test-data/reports", { recursive: true });
ensureChromium();
if (!process.env.TEST_POSTGRES_URL) {
  console.warn(
    "\n*** TEST_POSTGRES_URL is not set: integration tests run on PGlite only. Set it (e.g. postgres://postgres@127.0.0.1:5432/test) to test PostgreSQL too. ***",
  );
}
run("typecheck", "npx", ["tsc", "--noEmit"]);
run("lint", "npm", ["run", "--silent", "lint"]);
run("unit tests", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile.json=.test-data/reports/unit.json"]);
run("production build", "npx", ["next", "build"]);
run("integration tests", "npx", [
  "vitest",
  "run",
  "--project",
  "integration",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=.test-data/reports/integration.json",
]);
run("end-to-end tests (Chromium)", "npx", ["playwright", "test"]);
run("single sign-on end-to-end tests (oidc-provider, Chromium)", "npx", ["playwright", "test", "-c", "playwright.sso.config.ts"]);
summarise();
