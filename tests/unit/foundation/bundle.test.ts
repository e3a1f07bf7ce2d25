import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Workers' script size limit, uncompressed (see ../shared/docs/edge-runtime.md). */
const LIMIT_BYTES = 64 * 1024 * 1024; // = 64 MiB

function totalBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

describe("deployable bundle", () => {
  it("builds with wrangler deploy --dry-run and stays under 64 MiB", () => {
    const out = mkdtempSync(join(tmpdir(), "bundle-"));
    try {
      execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], {
        stdio: "pipe",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      });
      const bytes = totalBytes(out);
      console.log(`bundle: ${(bytes / 1048576).toFixed(2)} MiB in ${out}`);
      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThan(LIMIT_BYTES);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
