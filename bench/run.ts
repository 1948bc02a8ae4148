// `npm run bench`: measures, prints a table, writes bench/results.json. Ratios are taken within one
// run on one machine, because absolute numbers on shared machines are noise.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { benchBrowser } from "./browser";
import { benchHistory } from "./history";
import { benchIncidents } from "./incidents";
import { benchIngest } from "./ingest";
import { benchQuality } from "./quality";

async function main() {
  const root = path.resolve(__dirname, "..");
  if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    console.log("no production build yet: building…");
    if (spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
  }
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.BENCH_POSTGRES_URL;
  const ingest = await benchIngest(postgresUrl);
  console.log("\ningest: HTTP batches of 10,000 points vs plain multi-row INSERT of the same rows");
  console.table(
    ingest.map((r) => ({
      engine: r.engine,
      "HTTP points/s": Math.round(r.http_points_per_second),
      "raw INSERT rows/s": Math.round(r.raw_insert_rows_per_second),
      "ratio (HTTP / raw)": Number(r.ratio.toFixed(3)),
    })),
  );
  const extra: Record<string, unknown> = {};
  const driftBench = path.join(__dirname, "drift.ts");
  if (fs.existsSync(driftBench)) {
    const mod = (await import(driftBench)) as Record<string, unknown>;
    const run = Object.values(mod).find((v): v is () => Promise<unknown> => typeof v === "function");
    if (run) extra.drift = await run();
  }
  extra.alert_evaluator = await benchIncidents(postgresUrl);
  extra.quality = await benchQuality(postgresUrl);
  extra.history = await benchHistory(postgresUrl);
  extra.browser = await benchBrowser();
  const results = {
    measured_at: new Date().toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    ingest,
    ...extra,
  };
  fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("\nwritten to bench/results.json");
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`, (error as { cause?: unknown }).cause ?? "");
  process.exit(1);
});
