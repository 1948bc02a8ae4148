import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, Session } from "../support/http";
import { createScratchDatabase, DIST_DIR, ROOT, startServer } from "../support/servers";

const adminUrl = inject("postgresAdminUrl");
const port = Number(process.env.PLUMBLINE_TEST_PORT ?? 3101) + 3;
let image: string;

/**
 * The container image's layout: the build's standalone folder with the static files copied beside
 * it, as the Dockerfile does, in a folder outside the project so that nothing can be found in the
 * project's own node_modules.
 */
beforeAll(() => {
  image = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-standalone-"));
  fs.cpSync(path.join(DIST_DIR, "standalone"), image, { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.join(DIST_DIR, "static"), path.join(image, path.relative(ROOT, DIST_DIR), "static"), { recursive: true });
});

afterAll(() => fs.rmSync(image, { recursive: true, force: true }));

describe.each([{ engine: "pglite" }, ...(adminUrl ? [{ engine: "postgres" }] : [])])("the standalone server (node server.js) on $engine", ({ engine }) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-standalone-data-"));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const database: Record<string, string> = { PLUMBLINE_DATA_DIR: dataDir };
    if (engine === "postgres") {
      const scratch = await createScratchDatabase(adminUrl!, "standalone");
      cleanups.push(scratch.drop);
      database.DATABASE_URL = scratch.url;
    }
    server = await startServer(
      port,
      { PLUMBLINE_SIMULATOR: "0", PORT: String(port), HOSTNAME: "127.0.0.1", ...database },
      { launch: { command: process.execPath, args: ["server.js"], cwd: image } },
    );
  });

  afterAll(async () => {
    await server?.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("migrates, answers ready, and serves the sign-in page with its scripts", async () => {
    expect(await (await fetch(`${server.baseUrl}/api/ready`)).json()).toEqual({ status: "ready" });
    const page = await new Session(server.baseUrl).get("/login");
    expect(page.status).toBe(200);
    const scripts = [...(await page.text()).matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect((await fetch(server.baseUrl + script)).status, script).toBe(200);
  });

  it("stores an OTLP export in protobuf, decoded with the definitions the build carried along", async () => {
    const metric = `standalone_${engine}_${Date.now()}`;
    const exporter = new OTLPMetricExporter({ url: `${server.baseUrl}/api/v1/otlp/v1/metrics`, headers: { authorization: `Bearer ${DEMO_KEY}` } });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ "ml.model.name": "fraud-detector", "ml.model.version": "v3" }),
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })],
    });
    provider.getMeter("standalone-test").createGauge(metric).record(7);
    await provider.forceFlush();
    await provider.shutdown();

    const res = await keySession(server.baseUrl, DEMO_KEY).get(`/api/v1/models/fraud-detector/metrics?metric=${metric}&version=v3&max_points=1`);
    expect(res.status).toBe(200);
    const { series } = (await res.json()) as { series: { points: { avg: number }[] }[] };
    expect(series[0].points[0].avg).toBe(7);
  });
});
