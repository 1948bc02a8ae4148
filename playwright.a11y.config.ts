import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** axe-core on every page (e2e/accessibility.spec.ts), against the same demo server as the main suite. */
export default defineConfig({
  ...base,
  testIgnore: "sso/**",
  testMatch: "accessibility.spec.ts",
  reporter: [["list"]],
});
