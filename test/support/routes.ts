import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./servers";

const API_ROOT = path.join(ROOT, "app", "api", "v1");
const METHOD_EXPORT = /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g;

export interface RouteOnDisk {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Relative to /api/v1, with {param} placeholders. */
  path: string;
}

/** Every method exported by every /api/v1 route file, found by reading the files themselves. */
export function apiRoutesOnDisk(dir = API_ROOT): RouteOnDisk[] {
  const routes: RouteOnDisk[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...apiRoutesOnDisk(full));
    else if (entry.name === "route.ts") {
      const template = `/${path.relative(API_ROOT, dir).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      for (const [, method] of fs.readFileSync(full, "utf8").matchAll(METHOD_EXPORT)) routes.push({ method: method as RouteOnDisk["method"], path: template });
    }
  }
  return routes;
}
