import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  deployedIndexMismatch,
  ModelFolderError,
  modelObjects,
  modelsBucketName,
} from "../../../scripts/model-objects.ts";

const dirs: string[] = [];
function copyOf(model: string): string {
  const dir = mkdtempSync(join(tmpdir(), "model-objects-"));
  dirs.push(dir);
  cpSync(join("models", model), join(dir, model), { recursive: true });
  return join(dir, model);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("models:push input (scripts/model-objects.ts)", () => {
  it("lists a model folder as content-keyed objects, manifest first", () => {
    const { name, objects } = modelObjects("models/example");
    expect(name).toBe("example");
    expect(objects.map((o) => o.key)).toEqual([
      expect.stringMatching(/^example\/[0-9a-f]{64}\/manifest\.json$/),
      expect.stringMatching(/^example\/9c9164d6[0-9a-f]{56}\/spn\.json$/),
    ]);
    expect(deployedIndexMismatch("models/example", "example")).toBeUndefined();
  });

  it("refuses a folder whose file does not match its manifest, naming the file", () => {
    const folder = copyOf("example");
    writeFileSync(join(folder, "spn.json"), "{}");
    expect(() => modelObjects(folder)).toThrow(ModelFolderError);
    expect(() => modelObjects(folder)).toThrow(`${join(folder, "spn.json")}: does not match its size and sha256`);
  });

  it("refuses a missing folder, a missing file and a manifest that breaks the schema", () => {
    expect(() => modelObjects("/nonexistent")).toThrow("no manifest.json");
    const folder = copyOf("example");
    rmSync(join(folder, "spn.json"));
    expect(() => modelObjects(folder)).toThrow(`${join(folder, "spn.json")}: missing`);
    writeFileSync(join(folder, "manifest.json"), JSON.stringify({ manifestVersion: 1, name: "Bad Name" }));
    expect(() => modelObjects(folder)).toThrow(/manifest\.json: \/name: /);
  });

  it("warns when the pushed manifest is not the one the deployed worker checks against", () => {
    const folder = copyOf("example");
    writeFileSync(join(folder, "manifest.json"), '{"x": 1}');
    expect(deployedIndexMismatch(folder, "example")).toContain("differs from models/example/manifest.json");
    expect(deployedIndexMismatch(folder, "not-deployed")).toContain("not-deployed is not in models/");
  });

  it("reads the MODELS bucket name from wrangler.toml", () => {
    expect(modelsBucketName()).toBe("probable-edge-models");
  });
});
