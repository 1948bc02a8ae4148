import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface EngineServer {
  engine: "pglite" | "postgres";
  baseUrl: string;
  /** For direct checks on PostgreSQL (a superuser connection to the server's own database). */
  databaseUrl?: string;
}

/** A fresh, uniquely named database on the PostgreSQL named by `adminUrl`, dropped by `drop()`. */
export async function createScratchDatabase(adminUrl: string, label: string) {
  const name = `plumbline_${label}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export const DIST_DIR = path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next");

/** How a server process is started: `next start` in the project, unless a test says otherwise. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
}

const nextStart = (port: number): Launch => ({
  command: path.join(ROOT, "node_modules", ".bin", "next"),
  args: ["start", "-p", String(port), "-H", "127.0.0.1"],
  cwd: ROOT,
});

/** Starts the production build (`next start`) in demo mode and waits until /api/ready says so. */
export async function startServer(
  port: number,
  env: Record<string, string>,
  // A loaded machine seeds the demo slowly: PLUMBLINE_TEST_READY_SECONDS gives every server longer.
  {
    launch = nextStart(port),
    readyWithinMs = Number(process.env.PLUMBLINE_TEST_READY_SECONDS ?? 170) * 1000,
  }: { launch?: Launch; readyWithinMs?: number } = {},
): Promise<{ baseUrl: string; stop: () => Promise<void>; kill: () => Promise<void>; output: () => string }> {
  if (!fs.existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` first (npm test does it for you).");
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    env: { ...process.env, PLUMBLINE_DEMO: "1", NEXTAUTH_SECRET: "integration-test-secret", NEXTAUTH_URL: baseUrl, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  // Loading PGlite and seeding the demo take a minute or two on a busy machine.
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited early:\n${output}`);
    // A request caught in the server's start-up may never be answered: give up on it and ask again.
    const ready = await fetch(`${baseUrl}/api/ready`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server on ${port} not ready after ${readyWithinMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const exited = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  return {
    baseUrl,
    output: () => output,
    /** kill -9: no shutdown, no cleanup, as a crash or an OOM kill leaves things. */
    kill: () => {
      child.kill("SIGKILL");
      return exited();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        // A process already gone (exited, or killed by a signal as kill() does) has nothing left to stop.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
