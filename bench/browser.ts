// What a person's browser pays for the main pages: JavaScript transferred on first load (gzipped, as
// `next start` serves it) and Lighthouse's performance score, mobile and desktop presets, signed in,
// in Debian's Chromium against the production build with the demo fleet.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { Session } from "../test/support/http";
import { startServer } from "../test/support/servers";
import { BENCH_SERVER_ENV, benchPort } from "./common";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface PageResult {
  page: string;
  path: string;
  js_kib_gzipped: number;
  lighthouse_mobile: number;
  lighthouse_desktop: number;
}

/** Bytes of script the page loads until the network is idle, as transferred. */
async function scriptBytes(baseUrl: string, cookie: string, target: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const context = await browser.newContext();
    const url = new URL(baseUrl);
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: url.hostname, path: "/" };
      }),
    );
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() === "script") sizes.push(request.sizes().then((s) => s.responseBodySize));
    });
    await page.goto(baseUrl + target, { waitUntil: "networkidle" });
    return (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  } finally {
    await browser.close();
  }
}

async function lighthouseScores(baseUrl: string, cookie: string, target: string): Promise<{ mobile: number; desktop: number }> {
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  const { launch } = await import("chrome-launcher");
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const flags = { port: chrome.port, onlyCategories: ["performance"], extraHeaders: { Cookie: cookie }, logLevel: "error" as const };
    const mobile = await lighthouse(baseUrl + target, flags);
    const desktop = await lighthouse(baseUrl + target, flags, desktopConfig);
    const score = (run: typeof mobile) => Math.round((run?.lhr.categories.performance.score ?? 0) * 100);
    return { mobile: score(mobile), desktop: score(desktop) };
  } finally {
    chrome.kill();
  }
}

export async function benchBrowser(): Promise<PageResult[]> {
  console.log("\nthe browser: first-load JavaScript and Lighthouse performance, signed in as an ML lead");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-browser-"));
  const server = await startServer(benchPort(), { ...BENCH_SERVER_ENV, PLUMBLINE_DATA_DIR: dataDir });
  try {
    const session = new Session(server.baseUrl);
    const signIn = await session.signIn("lead@example.com", "plumbline-demo");
    if (signIn.status !== 200) throw new Error(`signing in for the browser bench answered ${signIn.status}`);
    const incidents = (await (await session.get("/api/v1/incidents")).json()) as { incidents: { id: string }[] };
    const pages = [
      { page: "Overview", path: "/" },
      { page: "model page", path: "/models/fraud-detector" },
      { page: "drift", path: "/drift" },
      ...(incidents.incidents[0] ? [{ page: "incident", path: `/incidents/${incidents.incidents[0].id}` }] : []),
    ];
    const results: PageResult[] = [];
    for (const { page, path: target } of pages) {
      process.stdout.write(`  ${page}…`);
      const bytes = await scriptBytes(server.baseUrl, session.cookieHeader(), target);
      const scores = await lighthouseScores(server.baseUrl, session.cookieHeader(), target);
      results.push({
        page,
        path: target,
        js_kib_gzipped: Math.round(bytes / 102.4) / 10,
        lighthouse_mobile: scores.mobile,
        lighthouse_desktop: scores.desktop,
      });
      process.stdout.write(
        `\r  ${page}: ${results.at(-1)!.js_kib_gzipped} KiB of JavaScript, Lighthouse ${scores.mobile} mobile / ${scores.desktop} desktop\n`,
      );
    }
    console.table(results);
    return results;
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
