import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeBase64 } from "../../shared/encoding/base64.ts";
import { encodePng } from "../../shared/image/png-codec.ts";
import { writeDicom } from "../unit/image/dicom-writer.ts";
import { json, problemOf } from "./fixtures.ts";

const SIDE = 48;
const gradient = Array.from({ length: SIDE * SIDE }, (_, i) => (i * 37) % 4000);
const VALID = {
  png8: encodePng({ width: SIDE, height: SIDE, bitDepth: 8, data: Uint8Array.from(gradient, (v) => v & 255) }),
  png16: encodePng({ width: SIDE, height: SIDE, bitDepth: 16, data: Uint16Array.from(gradient) }),
  dicom: writeDicom({
    rows: SIDE,
    columns: SIDE,
    bitsAllocated: 16,
    photometric: "MONOCHROME1",
    slope: 2,
    intercept: -100,
    pixels: gradient,
  }),
};

async function simulate(image: Uint8Array): Promise<Response> {
  return SELF.fetch("http://api/v1/lesions/simulate", json({ image: encodeBase64(image), seed: 1, count: 1 }));
}

/** Byte flips, truncation and splices of a valid file. */
const corruption = (valid: Uint8Array) =>
  fc.oneof(
    fc
      .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 })
      .map((flips) => {
        const copy = valid.slice();
        for (const [at, x] of flips) copy[at]! ^= x;
        return copy;
      }),
    fc.nat(valid.length - 1).map((cut) => valid.slice(0, cut)),
    fc.tuple(fc.nat(valid.length - 1), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, junk]) => {
      const out = new Uint8Array(valid.length + junk.length);
      out.set(valid.subarray(0, at));
      out.set(junk, at);
      out.set(valid.subarray(at), at + junk.length);
      return out;
    }),
  );

describe("corrupt and truncated images through /v1/lesions/simulate", () => {
  it("decodes the uncorrupted 8-bit PNG, 16-bit PNG and DICOM", async () => {
    for (const [name, bytes] of Object.entries(VALID)) expect((await simulate(bytes)).status, name).toBe(200);
  });

  it("answers every corrupted file with 200 or a 4xx problem+json, never a 5xx", async () => {
    const tried: Record<string, number> = {};
    for (const [name, valid] of Object.entries(VALID)) {
      tried[name] = 0;
      await fc.assert(
        fc.asyncProperty(corruption(valid), async (bytes) => {
          tried[name]!++;
          const res = await simulate(bytes);
          if (res.status === 200) return;
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(await problemOf(res)).toMatchObject({ status: res.status });
        }),
        { seed: 77, numRuns: 40 },
      );
    }
    console.log(`corrupt-image inputs tried: ${JSON.stringify(tried)}`);
  }, 120_000);

  it("refuses an unknown transfer syntax with 415 naming its UID, and a DICOM declaring a huge image", async () => {
    const htj2k = writeDicom({
      rows: 4,
      columns: 4,
      bitsAllocated: 8,
      pixels: Array(16).fill(1),
      transferSyntax: "1.2.840.10008.1.2.4.201",
    });
    const unsupported = await simulate(htj2k);
    expect(unsupported.status).toBe(415);
    const problem = await problemOf(unsupported);
    expect(problem.code).toBe("unsupported-transfer-syntax");
    expect(problem.detail).toContain("1.2.840.10008.1.2.4.201");
    const huge = writeDicom({ rows: 60000, columns: 60000, bitsAllocated: 8, pixels: [], truncatePixelBytes: 0 });
    const bomb = await simulate(huge);
    expect(bomb.status).toBe(413);
    expect((await problemOf(bomb)).code).toBe("image-too-large");
  });
});
