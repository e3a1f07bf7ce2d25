import { defineConfig } from "vitest/config";

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
