import { PHASE_PRODUCTION_BUILD } from "next/constants.js";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel work on one checkout (several builds side by side) can point each build elsewhere.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Read from the working directory at run time, so the self-contained server must carry them.
  outputFileTracingIncludes: { "/**": ["./drizzle/migrations/**/*", "./vendor/opentelemetry-proto/*.proto"] },
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    // The Content-Security-Policy (with frame-ancestors 'none') is set per request in proxy.ts.
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

/**
 * Every build also writes a self-contained server (`.next/standalone`, what the container image
 * runs). `next start` serves the same build from `.next`; it is not told about the standalone
 * output, which it would only warn about.
 */
export default function config(phase) {
  return phase === PHASE_PRODUCTION_BUILD ? { ...nextConfig, output: "standalone" } : nextConfig;
}
