/**
 * Runs the lesion property checks (tests/unit/lesion/simulation-checks.ts) on the real
 * radiographs + lungVAE masks in ../shared/data/cxr, read in place: per image, SEEDS seeds x
 * {linear, beer-lambert} x {lung mask, darkness test}, plus a PNG round trip of each output.
 * Prints a short JSON summary; exits 1 if any check fails, 0 with a message if the folder is absent.
 *
 *   npm run eval:lesion
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CoreError } from "../shared/errors.ts";
import { decodeImage, encodePng, maskFromImage } from "../shared/image/index.ts";
import { simulateLesions } from "../shared/lesion/simulate-lesions.ts";
import { createRng } from "../shared/numeric/rng.ts";
import { checkSimulation } from "../tests/unit/lesion/simulation-checks.ts";

const SEEDS = Number(process.env.EVAL_SEEDS ?? 8);
const BUDGET_MS = 50_000; // stay under a minute even on a slow machine
const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const dir = resolve(repoRoot, "../shared/data/cxr");

if (!existsSync(resolve(dir, "images"))) {
  console.log(JSON.stringify({ skipped: true, reason: `no real radiographs at ${dir}` }));
  process.exit(0);
}

const started = performance.now();
const names = readdirSync(resolve(dir, "images"))
  .filter((f) => f.endsWith(".png"))
  .map((f) => f.slice(0, -4))
  .sort();
const failures: string[] = [];
const times: number[] = [];
let runs = 0,
  lesions = 0,
  peakSum = 0,
  scaleSum = 0,
  relaxed = 0,
  noRoom = 0,
  truncated = false;
// How well the mask-free darkness test finds the lungs: share of its lesion pixels inside the mask.
let darkInLung = 0,
  darkPixels = 0;
const perImage: Record<string, { size: string; lungFraction: number; meanThreshold: number }> = {};

for (const name of names) {
  const image = decodeImage(readFileSync(resolve(dir, "images", `${name}.png`)));
  const lungMask = maskFromImage(decodeImage(readFileSync(resolve(dir, "masks", `${name}.png`))));
  const lungFraction = lungMask.data.reduce((n, v) => n + (v ? 1 : 0), 0) / lungMask.data.length;
  let thresholdSum = 0,
    thresholdN = 0;
  for (let seed = 0; seed < SEEDS && !truncated; seed++) {
    for (const model of ["linear", "beer-lambert"] as const) {
      for (const withMask of [true, false]) {
        const t = performance.now();
        let result;
        try {
          result = simulateLesions(createRng(seed), withMask ? { image, mask: lungMask, model } : { image, model });
        } catch (e) {
          if (e instanceof CoreError && e.code === "no-room-for-lesion") {
            noRoom++;
            continue;
          }
          throw e;
        }
        times.push(performance.now() - t);
        runs++;
        const problems = checkSimulation(image, withMask ? lungMask : undefined, result);
        const back = decodeImage(encodePng(result.image));
        if (back.data.some((v, i) => v !== result.image.data[i])) problems.push("PNG round trip changed the output");
        for (const p of problems)
          failures.push(`${name} seed ${seed} ${model} ${withMask ? "mask" : "darkness"}: ${p}`);
        if (!withMask) {
          for (let i = 0; i < result.mask.data.length; i++) {
            if (result.mask.data[i]) {
              darkPixels++;
              if (lungMask.data[i]) darkInLung++;
            }
          }
        }
        for (const l of result.lesions) {
          lesions++;
          peakSum += l.peakOpacity;
          scaleSum += l.params.scale;
          if (l.darknessThreshold !== undefined) {
            thresholdSum += l.darknessThreshold;
            thresholdN++;
            if (l.darknessThreshold > 90) relaxed++;
          }
        }
      }
    }
    if (performance.now() - started > BUDGET_MS) truncated = true;
  }
  perImage[name] = {
    size: `${image.width}x${image.height}`,
    lungFraction: Number(lungFraction.toFixed(3)),
    meanThreshold: Number((thresholdSum / (thresholdN || 1)).toFixed(1)),
  };
}

times.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      dataset: dir,
      images: names.length,
      runs,
      lesions,
      failures: failures.length,
      firstFailures: failures.slice(0, 5),
      noRoomForLesion: noRoom,
      meanPeakOverScale: Number((peakSum / scaleSum).toFixed(3)),
      darknessLesionsRelaxedAbove90: relaxed,
      darknessPixelsInsideLungMask: Number((darkInLung / (darkPixels || 1)).toFixed(3)),
      simulateMsMedian: Number(times[times.length >> 1]!.toFixed(2)),
      simulateMsMax: Number(times[times.length - 1]!.toFixed(2)),
      truncatedByTimeBudget: truncated,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      perImage,
    },
    null,
    2,
  ),
);
process.exit(failures.length > 0 ? 1 : 0);
