import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelNamesIn } from "../../../shared/node/model-source.ts";

/** Workers' script size limit, uncompressed (see ../shared/docs/edge-runtime.md). */
const LIMIT_BYTES = 64 * 1024 * 1024; // = 64 MiB

function totalBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

/** sha256 → "<model>/<file>" for every model file a manifest lists (the files that belong in R2). */
function modelFileHashes(): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const name of modelNamesIn("models")) {
    const manifest = JSON.parse(readFileSync(join("models", name, "manifest.json"), "utf8")) as {
      files: { path: string; sha256: string }[];
    };
    for (const f of manifest.files) hashes.set(f.sha256, `${name}/${f.path}`);
  }
  return hashes;
}

describe("deployable bundle", () => {
  it("builds with wrangler deploy --dry-run, stays under 64 MiB and carries no model file (they are in R2)", () => {
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
      const modelFiles = modelFileHashes();
      const bundled = readdirSync(out, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) =>
          modelFiles.get(
            createHash("sha256")
              .update(readFileSync(join(e.parentPath, e.name)))
              .digest("hex"),
          ),
        )
        .filter((file) => file !== undefined);
      expect(bundled).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
