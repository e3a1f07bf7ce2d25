import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../../shared/encoding/base64.ts";

describe("base64", () => {
  it("matches Node's Buffer encoding and round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(decodeBase64(text, "/x")).toEqual(bytes);
        expect(decodeBase64(Buffer.from(bytes).toString("base64url"), "/x")).toEqual(bytes);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it("accepts a data URL prefix and rejects non-base64 with the pointer", () => {
    expect(decodeBase64("data:image/png;base64,AAEC", "/image")).toEqual(new Uint8Array([0, 1, 2]));
    expect(() => decodeBase64("AA*C", "/image")).toThrow(
      expect.objectContaining({ code: "invalid-input", issues: [expect.objectContaining({ pointer: "/image" })] }),
    );
  });
});

describe("base64 through the platform's codec", () => {
  it("uses Buffer in Node and agrees with the portable codec on every input", async () => {
    const { base64Implementation } = await import("../../../shared/encoding/base64.ts");
    const { checkBase64Agreement } = await import("../../base64-agreement.ts");
    expect(base64Implementation()).toBe("buffer");
    checkBase64Agreement();
  });
});
