// The app's browser benchmarks (not part of ./scripts/test): the same release build and server
// as the end-to-end tests. Run: npx playwright test -c bench.config.ts
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({
  ...base,
  testDir: "./bench",
  testMatch: "**/*.bench.ts",
  timeout: 10 * 60_000,
  reporter: [["list"]],
});
