import { describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../shared/image/png-codec.ts";
import { encodePngNative } from "../../shared/image/png-deflate.ts";
import { renderPhantom } from "../../shared/lesion/phantom.ts";
import { createRng } from "../../shared/numeric/rng.ts";

describe("PNG encoding with workerd's native zlib (node:zlib)", () => {
  it("round-trips 8- and 16-bit images through fast-png's decoder, no larger than fast-png's own", async () => {
    const { image } = renderPhantom(createRng(1), 256);
    const png = encodePngNative(image);
    const back = decodePng(png);
    expect(back).toMatchObject({ width: 256, height: 256, bitDepth: 8 });
    expect(back.data.every((v, i) => v === image.data[i])).toBe(true);
    expect(png.length).toBeLessThanOrEqual(encodePng(image).length);
    const wide = {
      width: 97,
      height: 31,
      bitDepth: 16 as const,
      data: Uint16Array.from({ length: 97 * 31 }, (_, i) => (i * 40503) & 0xffff),
    };
    const back16 = decodePng(encodePngNative(wide));
    expect(back16.bitDepth).toBe(16);
    expect(Array.from(back16.data)).toEqual(Array.from(wide.data));
  });
});
