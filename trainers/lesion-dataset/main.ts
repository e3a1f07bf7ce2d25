/**
 * `npm run lesion:dataset -- --out <dir> --n <N> [--seed 1] [--size 256 | --size native]
 *  [--theta t0,t1,t2,t3,t4 | --preset subtle|moderate|obvious] [--count 1..3]
 *  [--model linear|beer-lambert] [--backgrounds <dir> [--masks <dir>]] [--force]`
 * writes a labelled data set of simulated lesions for training detectors elsewhere: PNG images,
 * union masks and COCO annotations (boxes, RLE masks, theta and parameters per lesion). Without
 * --backgrounds each image is a seeded phantom radiograph. Same flags → byte-identical output.
 */
import { parseArgs } from "node:util";
import {
  COMPOSITING_MODELS,
  isPresetName,
  PRESET_NAMES,
  THETA_LENGTH,
  type CompositingModel,
} from "../../shared/lesion/index.ts";
import { runCli, UserError } from "../common/cli.ts";
import { loadBackgrounds } from "./backgrounds.ts";
import type { LesionChoice } from "./make-sample.ts";
import { writeDataset } from "./write-dataset.ts";

const MAX_IMAGES = 1_000_000;

function integer(flag: string, raw: string, lo: number, hi: number): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new UserError(`--${flag} must be an integer in [${lo}, ${hi}], got "${raw}"`);
  return v;
}

function lesionChoice(v: { theta?: string; preset?: string; count?: string; model?: string }): LesionChoice {
  if (v.theta !== undefined && v.preset !== undefined) throw new UserError("give at most one of --theta and --preset");
  const choice: LesionChoice = {};
  if (v.theta !== undefined) {
    const theta = v.theta.split(",").map(Number);
    if (theta.length !== THETA_LENGTH || theta.some((t) => !(t >= 0 && t <= 1))) {
      throw new UserError(`--theta must be ${THETA_LENGTH} comma-separated numbers in [0, 1], got "${v.theta}"`);
    }
    choice.theta = theta;
  }
  if (v.preset !== undefined) {
    if (!isPresetName(v.preset))
      throw new UserError(`--preset must be one of ${PRESET_NAMES.join(", ")}, got "${v.preset}"`);
    choice.preset = v.preset;
  }
  if (v.count !== undefined) choice.count = integer("count", v.count, 1, 3);
  if (v.model !== undefined) {
    if (!(COMPOSITING_MODELS as readonly string[]).includes(v.model))
      throw new UserError(`--model must be one of ${COMPOSITING_MODELS.join(", ")}`);
    choice.model = v.model as CompositingModel;
  }
  return choice;
}

await runCli("lesion:dataset", () => {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      n: { type: "string" },
      seed: { type: "string", default: "1" },
      size: { type: "string", default: "256" },
      theta: { type: "string" },
      preset: { type: "string" },
      count: { type: "string" },
      model: { type: "string" },
      backgrounds: { type: "string" },
      masks: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (values.out === undefined || values.n === undefined)
    throw new UserError("--out <dir> and --n <count> are required");
  if (values.masks !== undefined && values.backgrounds === undefined)
    throw new UserError("--masks needs --backgrounds");
  const dataset = writeDataset({
    out: values.out,
    n: integer("n", values.n, 1, MAX_IMAGES),
    seed: integer("seed", values.seed, 0, 2 ** 32 - 1),
    size: values.size === "native" ? null : integer("size", values.size, 64, 4096),
    backgrounds: values.backgrounds === undefined ? null : loadBackgrounds(values.backgrounds, values.masks),
    lesions: lesionChoice(values),
    force: values.force,
    command: `npm run lesion:dataset -- ${process.argv.slice(2).join(" ")}`,
  });
  console.log(
    `${values.out}: ${dataset.images.length} images, ${dataset.annotations.length} lesions (annotations.json, images/, masks/)`,
  );
});
