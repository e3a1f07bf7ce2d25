import { defineConfig } from "vitest/config";

// Node-side suite: the core in shared/ and the trainers, no workerd.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    pool: "threads",
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
