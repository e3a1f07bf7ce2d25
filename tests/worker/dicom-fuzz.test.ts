import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../shared/encoding/base64.ts";
import { json, problemOf } from "./fixtures.ts";

const files = inject("dicomFiles");
// One real file per compressed encoding (../shared/data/dicom).
const COMPRESSED = [
  "MR_small_RLE.dcm",
  "MR_small_jpeg_ls_lossless.dcm",
  "MR_small_jp2klossless.dcm",
  "JPGExtended.dcm",
  "SC_rgb_jpeg_dcmtk.dcm",
  "image_dfl.dcm",
];
const present = COMPRESSED.every((name) => files[name] !== undefined);

/** Flips bytes in the back half (where the compressed pixel data sits), or truncates there. */
const corruption = (valid: Uint8Array) =>
  fc.oneof(
    fc
      .array(
        fc.tuple(fc.integer({ min: valid.length >> 1, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })),
        { minLength: 1, maxLength: 16 },
      )
      .map((flips) => {
        const copy = valid.slice();
        for (const [at, x] of flips) copy[at]! ^= x;
        return copy;
      }),
    fc.integer({ min: valid.length >> 1, max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
  );

describe.skipIf(!present)(
  "corrupted compressed DICOM through workerd (../shared/data/dicom; skipped when absent)",
  () => {
    it("answers every corrupted file with 200 or a 4xx problem+json, never a 5xx, and the codecs keep working", async () => {
      const statuses: Record<string, Record<number, number>> = {};
      for (const name of COMPRESSED) {
        const valid = decodeBase64(files[name]!, "/image");
        const counts: Record<number, number> = (statuses[name] = {});
        await fc.assert(
          fc.asyncProperty(corruption(valid), async (bytes) => {
            const res = await SELF.fetch(
              "http://api/v1/lesions/simulate",
              json({ image: encodeBase64(bytes), seed: 1, count: 1 }),
            );
            counts[res.status] = (counts[res.status] ?? 0) + 1;
            if (res.status === 200) return;
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(res.status).toBeLessThan(500);
            expect(await problemOf(res)).toMatchObject({ status: res.status });
          }),
          { seed: 17, numRuns: 30 },
        );
        // after the corrupt streams, the intact file still decodes (a trapped codec was restarted)
        const again = await SELF.fetch(
          "http://api/v1/lesions/simulate",
          json({ image: files[name], seed: 1, count: 1 }),
        );
        expect(again.status, name).toBe(200);
      }
      console.log(`corrupted compressed DICOM, status counts: ${JSON.stringify(statuses)}`);
    });
  },
);
