import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVICE_VERSION } from "../../../functions/version.ts";
import { renderModelsIndex } from "../../../scripts/models-index.ts";

describe("project consistency", () => {
  it("reports the package.json version as the service version", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(SERVICE_VERSION).toBe(pkg.version);
  });

  it("bundles every model folder: models/index.ts is up to date (npm run models:index)", () => {
    expect(readFileSync("models/index.ts", "utf8")).toBe(renderModelsIndex("models"));
  });
});
