import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Redocly CLI's recommended ruleset over the served OpenAPI document. The golden copy is the
 * served document byte for byte (tests/worker/foundation.test.ts checks that inside workerd).
 * Offline: telemetry off (env and config) and no update check (REDOCLY_SUPPRESS_NOTIFICATIONS).
 */
const GOLDEN = "tests/worker/golden/openapi.json";
const CONFIG = "tests/redocly.yaml";
const CLI = "node_modules/@redocly/cli/bin/cli.js";

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

function lint(path: string): LintReport {
  const run = spawnSync(process.execPath, [CLI, "lint", "--config", CONFIG, "--format", "json", path], {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_NOTIFICATIONS: "true", CI: "true" },
  });
  if (!run.stdout.trim().startsWith("{"))
    throw new Error(`redocly printed no report (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as LintReport;
}

describe("OpenAPI document under Redocly's recommended rules", () => {
  it("has zero errors and zero warnings", () => {
    const report = lint(GOLDEN);
    const summary = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(summary).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0, ignored: 0 });
  }, 60_000);

  it("does fail a document without operation ids, security or servers (the lint can fail)", () => {
    const doc = JSON.parse(readFileSync(GOLDEN, "utf8")) as {
      servers?: unknown;
      security?: unknown;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    delete doc.servers;
    delete doc.security;
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) delete op.operationId;
    const dir = mkdtempSync(join(tmpdir(), "redocly-"));
    try {
      writeFileSync(join(dir, "openapi.json"), JSON.stringify(doc));
      const rules = new Set(lint(join(dir, "openapi.json")).problems.map((p) => p.ruleId));
      expect([...rules].sort()).toEqual(
        expect.arrayContaining(["no-empty-servers", "operation-operationId", "security-defined"]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
