import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeImage, maskFromImage } from "../../../shared/image/index.ts";
import { renderPhantom } from "../../../shared/lesion/phantom.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { ribEdgeContrastKept } from "./anatomy-contrast.ts";

const cxrDir = resolve(fileURLToPath(new URL("../../../", import.meta.url)), "../shared/data/cxr");
const hasCxr = existsSync(resolve(cxrDir, "images"));

describe("anatomy stays visible under a moderate lesion (attenuation-domain compositing)", () => {
  const phantom = renderPhantom(createRng(5), 512);
  let inputMax = 0;
  for (const v of phantom.image.data) inputMax = Math.max(inputMax, v);

  it.each([1, 2, 3, 4])(
    "phantom seed %i: rib-edge contrast keeps >= 50 % and no pixel exceeds the image's own maximum",
    (seed) => {
      const attenuation = ribEdgeContrastKept(seed, phantom.image, phantom.lungMask, "attenuation", 30);
      const linear = ribEdgeContrastKept(seed, phantom.image, phantom.lungMask, "linear", 30);
      console.log(
        `phantom seed ${seed}: contrast kept attenuation ${attenuation.kept.toFixed(3)}, linear ${linear.kept.toFixed(3)} (${attenuation.pairs} edge pairs)`,
      );
      expect(attenuation.pairs).toBeGreaterThan(20);
      expect(attenuation.kept).toBeGreaterThanOrEqual(0.5);
      expect(attenuation.kept).toBeGreaterThan(linear.kept); // the paper's model washes ribs out more
      expect(attenuation.outMax).toBeLessThanOrEqual(inputMax);
    },
  );

  it.skipIf(!hasCxr)(
    "real radiographs (../shared/data/cxr; skipped when absent): >= 50 % kept, never above the image's maximum",
    () => {
      const names = readdirSync(resolve(cxrDir, "images"))
        .filter((f) => f.endsWith(".png"))
        .sort();
      for (const name of names) {
        const image = decodeImage(readFileSync(resolve(cxrDir, "images", name)));
        const mask = maskFromImage(decodeImage(readFileSync(resolve(cxrDir, "masks", name))));
        let max = 0;
        for (const v of image.data) max = Math.max(max, v);
        const radius = Math.round(Math.min(image.width, image.height) * 0.04);
        const a = ribEdgeContrastKept(1, image, mask, "attenuation", radius);
        const l = ribEdgeContrastKept(1, image, mask, "linear", radius);
        console.log(`${name}: contrast kept attenuation ${a.kept.toFixed(3)}, linear ${l.kept.toFixed(3)}`);
        expect(a.kept, name).toBeGreaterThanOrEqual(0.5);
        expect(a.outMax, name).toBeLessThanOrEqual(max);
      }
    },
  );
});
