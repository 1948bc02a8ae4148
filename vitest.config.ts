import path from "node:path";
import { defineConfig } from "vitest/config";

// `server-only` throws outside React Server Components; tests import server modules directly.
const alias = {
  "@": path.resolve(__dirname),
  "server-only": path.resolve(__dirname, "test/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Integration suites share one server per engine; run files one after another.
    fileParallelism: false,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          // The hostile-input probes included: they share the suite's servers (npm run test:hostile runs them alone).
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        // The hostile-input probes alone, against servers of their own.
        test: {
          name: "hostile",
          include: ["test/integration/hostile.test.ts"],
          environment: "node",
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 900_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        // Servers of its own, loaded, crashed and cut off from their database; minutes, not seconds.
        test: { name: "reliability", include: ["test/reliability/**/*.test.ts"], environment: "node", testTimeout: 900_000, hookTimeout: 300_000 },
      },
    ],
  },
});
