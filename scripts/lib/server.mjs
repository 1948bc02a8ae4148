// Shared by `npm start` and `npm run demo`: build when needed, settle the secret, start Next.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const SOURCE_DIRS = ["app", "components", "lib", "drizzle", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json"];

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** Builds when there is no production build, or (with `whenStale`) when a source is newer than it. */
export function ensureBuild({ whenStale }) {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const stale = whenStale && SOURCE_DIRS.some((dir) => newestMtime(dir) > built);
  if (built && !stale) return;
  console.log(built ? "[plumbline] sources changed since the last build: building…" : "[plumbline] no production build yet: building (about a minute)…");
  const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("[plumbline] build failed");
    process.exit(result.status ?? 1);
  }
}

/**
 * Production refuses to start without NEXTAUTH_SECRET. Demo mode generates one once and keeps it
 * in the data folder, so sessions survive restarts without anyone configuring anything.
 */
export function resolveSecret(env) {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.PLUMBLINE_DEMO !== "1") {
    console.error(
      "[plumbline] NEXTAUTH_SECRET is not set. Set it to a long random string (e.g. `openssl rand -base64 32`) before `npm start`,\n" +
        "             or run `npm run demo` to try Plumbline with demo data and a generated secret.",
    );
    process.exit(1);
  }
  const dataDir = path.resolve(root, env.PLUMBLINE_DATA_DIR ?? ".data");
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** With password sign-in switched off, single sign-on is the only way in: refuse to start without it. */
function requireSomeSignIn(env) {
  if (env.PLUMBLINE_PASSWORD_SIGNIN !== "0" || (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET)) return;
  console.error(
    "[plumbline] PLUMBLINE_PASSWORD_SIGNIN=0 switches password sign-in off, but OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not all set: nobody could sign in.",
  );
  process.exit(1);
}

export function startServer(extraEnv = {}) {
  const env = { ...process.env, ...extraEnv };
  const port = env.PORT ?? "3000";
  requireSomeSignIn(env);
  env.NEXTAUTH_SECRET = resolveSecret(env);
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  console.log(
    `[plumbline] starting on http://localhost:${port} (${env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${env.PLUMBLINE_DATA_DIR ?? "./.data"}`}${env.PLUMBLINE_DEMO === "1" ? ", demo mode" : ""})`,
  );
  const child = spawn("npx", ["next", "start", "-p", port], { cwd: root, env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}
