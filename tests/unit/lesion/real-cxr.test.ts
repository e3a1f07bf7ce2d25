import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeImage, maskFromImage } from "../../../shared/image/index.ts";
import { simulateLesions } from "../../../shared/lesion/simulate-lesions.ts";
import { createRng } from "../../../shared/numeric/rng.ts";
import { checkSimulation, fingerprint } from "./simulation-checks.ts";

// Real radiographs + lungVAE masks live outside the repo (../shared/data/cxr, see its SOURCE.md);
// they are read in place and never copied.
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const cxrDir = resolve(repoRoot, "../shared/data/cxr");
const exists = existsSync(resolve(cxrDir, "images")) && existsSync(resolve(cxrDir, "masks"));
const names = exists
  ? readdirSync(resolve(cxrDir, "images"))
      .filter((f) => f.endsWith(".png"))
      .map((f) => f.slice(0, -4))
      .sort()
  : [];

describe.skipIf(!exists)(
  "lesion properties on real radiographs (../shared/data/cxr; skipped when that folder is absent)",
  () => {
    it("finds the image/mask pairs", () => {
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(existsSync(resolve(cxrDir, "masks", `${name}.png`)), name).toBe(true);
    });

    it.each(names)("%s: lesions stay in the lung mask and follow the compositing formula", (name) => {
      const image = decodeImage(readFileSync(resolve(cxrDir, "images", `${name}.png`)));
      const lungMask = maskFromImage(decodeImage(readFileSync(resolve(cxrDir, "masks", `${name}.png`))));
      expect([lungMask.width, lungMask.height]).toEqual([image.width, image.height]);
      const before = fingerprint(image.data);
      for (let seed = 0; seed < 4; seed++) {
        const model = seed % 2 === 0 ? "linear" : "beer-lambert";
        const result = simulateLesions(createRng(seed), { image, mask: lungMask, count: 1 + (seed % 3), model });
        expect(checkSimulation(image, lungMask, result), `seed ${seed}`).toEqual([]);
        const again = simulateLesions(createRng(seed), { image, mask: lungMask, count: 1 + (seed % 3), model });
        expect(fingerprint(again.image.data)).toBe(fingerprint(result.image.data));
      }
      const dark = simulateLesions(createRng(99), { image });
      expect(checkSimulation(image, undefined, dark)).toEqual([]);
      expect(fingerprint(image.data)).toBe(before);
    });
  },
);
