import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_TYPES, clientTypes, GOLDEN_DOCUMENT } from "../../../scripts/client-types.ts";

describe("probable-edge/client types", () => {
  it("are current: regenerating them from the served document changes nothing (else run npm run client:types)", async () => {
    const fresh = await clientTypes(readFileSync(GOLDEN_DOCUMENT, "utf8"));
    expect(fresh === readFileSync(CLIENT_TYPES, "utf8"), `${CLIENT_TYPES} is stale: run npm run client:types`).toBe(
      true,
    );
  });

  it("name every operation and type binary parts as Blob", () => {
    const types = readFileSync(CLIENT_TYPES, "utf8");
    for (const id of ["getHealth", "spnLogprob", "scoreUncertainty", "classify", "simulateLesions", "getPhantom"])
      expect(types).toContain(`    ${id}: {`);
    expect(types).toMatch(/image\?: Blob;/);
  });
});
