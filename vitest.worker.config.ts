import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Worker suite: runs inside workerd with the real wrangler.toml (rules, vars, main).
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
  test: {
    include: ["tests/worker/**/*.test.ts"],
    // Real DICOM files from ../shared/data, read in Node and provided to the workerd tests.
    globalSetup: ["tests/worker/dicom-files.setup.ts"],
    testTimeout: 30_000,
    // The worker logs one JSON line per request; keep test output to failures and figures.
    onConsoleLog: (log) => !log.startsWith('{"level":"info"'),
  },
});
