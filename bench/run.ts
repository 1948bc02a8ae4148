// `npm run bench`: measures, prints tables, writes bench/results.json. Ratios are taken within one
// run on one machine, because absolute numbers on shared machines are noise. BENCH_SCALE shrinks
// (or grows) every size, BENCH_ONLY picks parts, BENCH_PORT moves the servers' ports (bench/common.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchBrowser } from "./browser";
import { SCALE, wanted } from "./common";
import { benchHistory } from "./history";
import { benchIncidents } from "./incidents";
import { benchIngest } from "./ingest";
import { benchQuality } from "./quality";
import { benchReads } from "./reads";

async function main() {
  const root = path.resolve(__dirname, "..");
  if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    console.log("no production build yet: building…");
    if (spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
  }
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.BENCH_POSTGRES_URL;
  // BENCH_RESULTS writes elsewhere, e.g. for two partial runs side by side.
  const resultsFile = path.resolve(process.env.BENCH_RESULTS ?? path.join(__dirname, "results.json"));
  // A partial run (BENCH_ONLY) replaces only the parts it measured.
  const results: Record<string, unknown> = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : {};
  const started = Date.now();
  // Written after every part, so that a long run stopped midway keeps what it measured.
  const save = () => {
    Object.assign(results, {
      measured_at: new Date().toISOString(),
      scale: SCALE,
      seconds: Math.round((Date.now() - started) / 1000),
      machine: { cpus: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: Boolean(postgresUrl) },
    });
    fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  };
  console.log(`bench at scale ${SCALE}${process.env.BENCH_ONLY ? `, parts ${process.env.BENCH_ONLY}` : ""}`);

  if (wanted("ingest")) {
    const ingest = await benchIngest(postgresUrl);
    console.log("\ningest: HTTP batches of 10,000 against plain multi-row INSERT (and COPY) of the same rows, same number of writers");
    console.table(
      ingest.map((r) => ({
        engine: r.engine,
        kind: r.kind,
        clients: r.clients,
        "HTTP rows/s": r.http_per_second,
        "INSERT rows/s": r.insert_per_second,
        "COPY rows/s": r.copy_per_second ?? "-",
        "HTTP / INSERT": r.ratio_to_insert,
        "HTTP / COPY": r.ratio_to_copy ?? "-",
      })),
    );
    results.ingest = ingest;
    save();
  }
  if (wanted("reads")) {
    const reads = await benchReads(postgresUrl);
    console.log("\nreads: 30-day metric series (sequential), and /fleet under 20 readers and 4 writers");
    console.table(reads.series);
    console.table(reads.fleet);
    results.reads = reads;
    save();
  }
  if (wanted("drift")) {
    const driftBench = path.join(__dirname, "drift.ts");
    const mod = (await import(driftBench)) as Record<string, unknown>;
    const run = Object.values(mod).find((v): v is () => Promise<unknown> => typeof v === "function");
    if (run) results.drift = await run();
  }
  if (wanted("incidents")) results.alert_evaluator = await benchIncidents(postgresUrl);
  save();
  if (wanted("quality")) {
    const quality = await benchQuality(postgresUrl);
    if (quality) console.table(quality);
    results.quality = quality;
  }
  save();
  if (wanted("history")) {
    results.history = await benchHistory(postgresUrl);
    save();
  }
  if (wanted("browser")) {
    results.browser = await benchBrowser();
    save();
  }
  console.log(`\nwritten to ${path.relative(process.cwd(), resultsFile)}`);
}

main().then(
  // Keep-alive sockets of the load tool must not hold the process open.
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`, (error as { cause?: unknown }).cause ?? "");
    process.exit(1);
  },
);
