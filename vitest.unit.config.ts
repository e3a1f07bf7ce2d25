import { execFileSync } from "node:child_process";
import { defineConfig } from "vitest/config";

// wrangler.toml's [assets] folder (Swagger UI for /docs) is copied from node_modules, not committed:
// the bundle test (wrangler deploy --dry-run) and the tests that start wrangler dev need it.
execFileSync(process.execPath, ["scripts/docs-assets.mjs"], { stdio: "ignore" });

// Node-side suite: the core in shared/ and the trainers (the served-figures test alone starts
// the worker in workerd through `wrangler dev`, as a client would reach it).
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    pool: "threads",
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
