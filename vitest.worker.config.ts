import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { defineConfig } from "vitest/config";

// wrangler.toml's [assets] folder (Swagger UI for /docs) is copied from node_modules, not
// committed: copy it before the pool reads the config, so a fresh clone's tests find it.
execFileSync(process.execPath, ["scripts/docs-assets.mjs"], { stdio: "ignore" });

// miniflare would otherwise download Request.cf data (workers.cloudflare.com/cf.json) at start.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const MODELS_DIR = resolve("models");

/** GET /<model>/<file> → the bytes of models/<model>/<file>; 404 outside models/ or when absent. */
async function modelFileOnDisk(request: Request): Promise<Response> {
  const path = resolve(MODELS_DIR, decodeURIComponent(new URL(request.url).pathname.slice(1)));
  if (!path.startsWith(MODELS_DIR + sep)) return new Response(null, { status: 404 });
  return readFile(path).then(
    (bytes) => new Response(bytes),
    () => new Response(null, { status: 404 }),
  );
}

// Worker suite: runs inside workerd with the real wrangler.toml (rules, vars, main).
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      // The suites send thousands of requests from one address: SELF's limiter gets room for them,
      // and tests/worker/rate-limit.test.ts brings a tight one of its own.
      miniflare: {
        // Inputs per operation in tests/worker/fuzz.test.ts (npm run fuzz:deep sets 1000).
        bindings: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "60" },
        ratelimits: {
          RATE_LIMITER: { simple: { limit: 1_000_000, period: 60 } },
          TIGHT_RATE_LIMITER: { simple: { limit: 3, period: 60 } },
        },
        // Model files: MODELS as in wrangler.toml, seeded from models/ by tests/worker/models-bucket.setup.ts
        // through MODELS_ON_DISK (runs in Node: workerd has no file system); SCRATCH_MODELS for
        // tests that tamper with objects without disturbing the files that share MODELS.
        r2Buckets: { MODELS: "probable-edge-models", SCRATCH_MODELS: "scratch-models" },
        serviceBindings: { MODELS_ON_DISK: modelFileOnDisk },
      },
    }),
  ],
  test: {
    include: ["tests/worker/**/*.test.ts"],
    // Real DICOM files from ../shared/data, read in Node and provided to the workerd tests.
    globalSetup: ["tests/worker/dicom-files.setup.ts"],
    setupFiles: ["tests/worker/models-bucket.setup.ts"],
    // A bound, not a timing check: a file's first ONNX request starts ONNX Runtime in a fresh
    // isolate, which took 30–46 s on the shared 2-core machine under load (15 s when idle).
    testTimeout: 90_000,
    // The worker logs one JSON line per request; keep test output to failures and figures.
    onConsoleLog: (log) => !log.startsWith('{"level":"info"'),
  },
});
