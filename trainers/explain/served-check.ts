import { basename, dirname, resolve } from "node:path";
import type { Classifier } from "../../shared/classify/classifier.ts";
import { openModels } from "../../shared/node/index.ts";
import { forward, type Mlp } from "../classifier-demo/mlp.ts";

/**
 * The served side of one input: the model folder opened as the server opens it (sha256-checked
 * manifest, the same loaders, onnxruntime-node for ONNX Runtime Web), its raw ONNX logits and
 * its served prediction. The explainer's own forward pass must reproduce those logits, or the
 * explanation would be of some other model.
 */
export const LOGIT_TOLERANCE = 1e-4;

export interface ServedView {
  classifier: Classifier;
  onnxLogits: Float64Array;
  explainerLogits: Float64Array;
  maxDifference: number;
  label: string;
  probs: Record<string, number>;
}

export async function openServed(folder: string): Promise<Classifier> {
  const loaded = await openModels(dirname(resolve(folder))).get(basename(resolve(folder)), "classifier");
  return loaded.compiled as Classifier;
}

export async function servedView(classifier: Classifier, mlp: Mlp, x: readonly number[]): Promise<ServedView> {
  const { parts } = classifier;
  const out = await parts.session.run({
    [parts.config.input.name]: { data: Float32Array.from(x), dims: [1, x.length] },
  });
  const logitsName = (parts.config.outputs as { logits: string }).logits;
  const onnxLogits = Float64Array.from(out[logitsName]!.data as Float32Array);
  const explainerLogits = new Float64Array(mlp.classes);
  forward(mlp, Float32Array.from(x), 0, new Float64Array(mlp.hidden), explainerLogits);
  const maxDifference = Math.max(...onnxLogits.map((v, c) => Math.abs(v - explainerLogits[c]!)));
  if (!(maxDifference <= LOGIT_TOLERANCE))
    throw new Error(
      `the explainer's logits differ from the served ONNX model's by ${maxDifference} (> ${LOGIT_TOLERANCE})`,
    );
  const prediction = (await classifier.classify({ inputs: [x] })).predictions[0]!;
  return { classifier, onnxLogits, explainerLogits, maxDifference, label: prediction.label, probs: prediction.probs };
}
