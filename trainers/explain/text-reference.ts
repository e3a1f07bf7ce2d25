import type { Classifier } from "../../shared/classify/classifier.ts";
import { readLabelledFile } from "../calibrate/labelled-file.ts";
import { shippedSplit } from "../calibrate/shipped-splits.ts";
import { UserError } from "../common/cli.ts";
import type { Group } from "./group-scores.ts";
import { maxAbsDifference, requireAgreement, servedTextRows } from "./transformer-check.ts";
import { transformerReference, type SaliencyMode, type TransformerReference } from "./transformer-explain.ts";
import type { ExplainedTransformer } from "./transformer-model.ts";

/**
 * The reference of a text classifier: labelled raw texts — for models/spam-lpft its validation
 * split redrawn from the manifest's seed by the trainer's code (raw SpamAssassin files read from
 * node_modules; never the test split), else a labelled file the user gives (`--reference`, the
 * formats of `npm run calibrate`) — the first `size` of them, sent through the served path;
 * the correctly classified ones give each group's saliency distribution. Every reference row's
 * tfjs numbers are compared with the served ones as well.
 */
export interface TextReference extends TransformerReference {
  source: string;
  /** Largest |Δ| over the reference rows: ONNX features, served probabilities. */
  featureDifference: number;
  probabilityDifference: number;
  /** Reference rows where the served prediction and the rebuild's disagree (must be 0). */
  predictionMismatches: number;
}

function referenceTexts(folder: string, labels: readonly string[], file: string | undefined) {
  if (file) {
    try {
      const set = readLabelledFile(file, labels);
      if (!set.texts) throw new UserError(`${file}: the reference must hold texts, not numeric inputs`);
      return { texts: set.texts, labels: Array.from(set.labels), source: file };
    } catch (e) {
      throw e instanceof UserError ? e : new UserError((e as Error).message);
    }
  }
  try {
    const split = shippedSplit(folder, "valid");
    return { texts: split.texts!, labels: split.labels, source: `${folder}'s validation split (trainer's seed)` };
  } catch {
    throw new UserError(
      `${folder}: no trainer split this tool can redraw; give --reference <labelled .jsonl|.csv|.json> (not the test split)`,
    );
  }
}

export async function textReference(
  classifier: Classifier,
  model: ExplainedTransformer,
  groups: readonly Group[],
  o: { folder: string; file: string | undefined; size: number; tail: number; mode: SaliencyMode },
): Promise<TextReference> {
  const all = referenceTexts(o.folder, classifier.parts.labels, o.file);
  const texts = all.texts.slice(0, o.size);
  const labels = all.labels.slice(0, o.size);
  const served = await servedTextRows(classifier, texts);
  let ref: TransformerReference;
  try {
    ref = transformerReference(model, groups, served, labels, o.tail, o.mode);
  } catch (e) {
    throw e instanceof RangeError ? new UserError(`reference: ${e.message}`) : e;
  }
  const C = model.classes;
  const F = model.encoder.config.dim;
  let featureDifference = 0,
    probabilityDifference = 0,
    predictionMismatches = 0;
  for (const { row, saliency } of ref.passes) {
    featureDifference = Math.max(featureDifference, maxAbsDifference(served.onnxFeatures, saliency.features, row * F));
    const servedProbs = served.servedLogProbs.subarray(row * C, (row + 1) * C).map(Math.exp);
    probabilityDifference = Math.max(
      probabilityDifference,
      maxAbsDifference(servedProbs, saliency.logProbs.map(Math.exp)),
    );
    const mine = saliency.logProbs.indexOf(Math.max(...saliency.logProbs));
    if (mine !== served.predicted[row]) predictionMismatches++;
  }
  requireAgreement("features on the reference e-mails", featureDifference);
  requireAgreement("probabilities on the reference e-mails", probabilityDifference);
  return {
    ...ref,
    source: `${texts.length} e-mails of ${all.source}`,
    featureDifference,
    probabilityDifference,
    predictionMismatches,
  };
}
