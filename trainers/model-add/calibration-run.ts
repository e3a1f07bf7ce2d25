import { softmaxInto } from "../../shared/calibration/softmax.ts";
import type { ClassifierConfig } from "../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../shared/classify/caps.ts";
import { buildFeeds } from "../../shared/classify/inputs.ts";
import { preprocessInput } from "../../shared/classify/preprocess-input.ts";
import type { TextTokenizer } from "../../shared/classify/text-tokenizer.ts";
import type { OnnxSession } from "../../shared/onnx/types.ts";
import type { CalibrationSet } from "./calibration-set.ts";

/** Logits (N × C) and, when declared, features (N × F) of the calibration set, through the served input path. */
export async function runCalibrationSet(
  session: OnnxSession,
  config: ClassifierConfig,
  tokenizer: TextTokenizer | undefined,
  set: CalibrationSet,
  classes: number,
) {
  const n = set.labels.length;
  const logits = new Float64Array(n * classes);
  let features: Float64Array | undefined;
  for (let start = 0; start < n; start += MAX_INPUT_ROWS) {
    const end = Math.min(n, start + MAX_INPUT_ROWS);
    const input = set.texts ? { texts: set.texts.slice(start, end) } : { inputs: set.inputs!.slice(start, end) };
    const { feeds } = buildFeeds("calibration", config, tokenizer, preprocessInput(config, input));
    const out = await session.run(feeds);
    const z = out[config.outputs.logits]!;
    if (z.dims[1] !== classes)
      throw new Error(`output "${config.outputs.logits}" has ${z.dims[1]} columns for ${classes} labels`);
    logits.set(Float64Array.from(z.data as Float32Array), start * classes);
    if (config.outputs.features) {
      const f = out[config.outputs.features]!;
      if (f.dims.length !== 2)
        throw new Error(
          `features output "${config.outputs.features}" has shape [${f.dims.join(", ")}], expected [batch, F]`,
        );
      features ??= new Float64Array(n * f.dims[1]!);
      features.set(Float64Array.from(f.data as Float32Array), start * f.dims[1]!);
    }
  }
  return { logits, features };
}

/** The member average of softmax(beta z_m) per example (N × C) from N × M × C member logits. */
export function averageProbs(
  z: Float64Array,
  n: number,
  members: number,
  classes: number,
  beta: number,
): { mean: Float64Array; perMember: Float64Array } {
  const perMember = new Float64Array(z.length);
  const mean = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < members; m++) {
      const at = (i * members + m) * classes;
      softmaxInto(z, at, classes, beta, perMember, at);
      for (let c = 0; c < classes; c++) mean[i * classes + c]! += perMember[at + c]! / members;
    }
  }
  return { mean, perMember };
}
