import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY } from "../support/http";
import { ROOT } from "../support/servers";

const servers = inject("servers");

// The Python client's own unittest suite, run against the real server on each engine: it must run
// every test (none skipped for want of a server) and pass.
describe.each(servers)("the Python client against $engine", ({ baseUrl }) => {
  it("passes python3 -m unittest", () => {
    const run = spawnSync("python3", ["-m", "unittest", "-v"], {
      cwd: path.join(ROOT, "clients", "python"),
      env: { ...process.env, PLUMBLINE_URL: baseUrl, PLUMBLINE_KEY: DEMO_KEY, PYTHONDONTWRITEBYTECODE: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/^OK$/m);
    expect(output).not.toContain("skipped");
  });
});
