/**
 * Core lesion-pipeline timings on a 1024 x 1024 phantom (no HTTP): PNG decode (8- and 16-bit),
 * simulateLesions (linear and beer-lambert, with and without a lung mask, theta and count drawn
 * per run as the API does by default), and PNG encode. Medians over repetitions; prints JSON.
 * Run: npm run bench:lesion
 */
import { lesionHttpFigures } from "./lesion-http.ts";
import { fileURLToPath } from "node:url";
import { decodeImage, encodePng } from "../shared/image/index.ts";
import { renderPhantom } from "../shared/lesion/phantom.ts";
import { simulateLesions } from "../shared/lesion/simulate-lesions.ts";
import { createRng } from "../shared/numeric/rng.ts";

const REPS = Number(process.env.BENCH_REPS ?? 31);
const SIZE = 1024;

function median(run: (i: number) => unknown, reps = REPS): number {
  for (let i = 0; i < 5; i++) run(-1 - i); // warm-up so the JIT has compiled the hot loops
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Number(times[reps >> 1]!.toFixed(2));
}

export function lesionCoreFigures() {
  const phantom = renderPhantom(createRng(1), SIZE);
  const phantom16 = renderPhantom(createRng(1), SIZE, 16);
  const png8 = encodePng(phantom.image);
  const png16 = encodePng(phantom16.image);
  const sim = (model: "linear" | "beer-lambert", withMask: boolean) =>
    median(
      (i) =>
        simulateLesions(
          createRng(1000 + i),
          withMask ? { image: phantom.image, mask: phantom.lungMask, model } : { image: phantom.image, model },
        ),
      3 * REPS,
    );
  const worst = median((i) =>
    simulateLesions(createRng(i + 7), {
      image: phantom.image,
      mask: phantom.lungMask,
      count: 3,
      params: { res: 5, persistence: 1, lacunarity: 4, scale: 1, smoothArea: 0.2, radius: 75 },
    }),
  );
  const simulated = simulateLesions(createRng(3), { image: phantom.image, mask: phantom.lungMask }).image;
  return {
    image: `${SIZE}x${SIZE} phantom`,
    reps: REPS,
    runtime: `node ${process.version}`,
    ms: {
      decodePng8: median(() => decodeImage(png8)),
      decodePng16: median(() => decodeImage(png16)),
      simulateLinearMask: sim("linear", true),
      simulateBeerLambertMask: sim("beer-lambert", true),
      simulateLinearDarkness: sim("linear", false),
      simulateBeerLambertDarkness: sim("beer-lambert", false),
      simulateWorstCase3LesionsR75: worst,
      encodePng8: median(() => encodePng(simulated)),
      encodePng16: median(() => encodePng(phantom16.image)),
      renderPhantom: median((i) => renderPhantom(createRng(i + 10), SIZE), 7),
    },
    bytes: { png8: png8.length, png16: png16.length },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const core = lesionCoreFigures();
  // The whole request through wrangler dev (workerd): decode + simulate + encode + HTTP.
  const http = process.env.BENCH_SKIP_HTTP ? null : await lesionHttpFigures();
  console.log(JSON.stringify({ core, http }, null, 2));
}
