import { describe, expect, it } from "vitest";
import { base64Implementation } from "../../shared/encoding/base64.ts";
import { checkBase64Agreement } from "../base64-agreement.ts";

describe("base64 inside workerd", () => {
  it("uses a platform codec and agrees with the portable one on every input", () => {
    console.log(`base64 in workerd: ${base64Implementation()}`);
    expect(base64Implementation()).not.toBe("portable");
    checkBase64Agreement();
  });
});
