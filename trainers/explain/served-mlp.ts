import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Mlp } from "../classifier-demo/mlp.ts";
import { UserError } from "../common/cli.ts";
import { readInitializers } from "./onnx-initializers.ts";

/**
 * The served one-hidden-layer MLP (trainers/onnx/mlp-graph.ts: W1, b1, Wh, bh) rebuilt from a
 * model folder's model.onnx, weights widened from float32 exactly. Any other graph is refused:
 * the explainer supports the MLP classifiers (the demo classifier) only, see docs.
 */
export function servedMlp(folder: string): Mlp {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(folder, "model.onnx"));
  } catch {
    throw new UserError(`${folder}: no model.onnx (expected a classifier model folder, e.g. models/demo-classifier)`);
  }
  const init = readInitializers(bytes);
  const [w1, b1, wh, bh] = ["W1", "b1", "Wh", "bh"].map((n) => init.get(n));
  if (!w1 || !b1 || !wh || !bh || w1.dims.length !== 2 || wh.dims.length !== 2) {
    throw new UserError(
      `${folder}/model.onnx is not a one-hidden-layer MLP (initializers W1, b1, Wh, bh); only MLP classifiers such as models/demo-classifier can be explained so far`,
    );
  }
  const [hidden, inputs] = w1.dims as [number, number];
  const classes = wh.dims[0]!;
  if (wh.dims[1] !== hidden || b1.data.length !== hidden || bh.data.length !== classes)
    throw new UserError(`${folder}/model.onnx: MLP weight shapes do not fit together`);
  const f64 = (a: Float32Array) => Float64Array.from(a);
  return { inputs, hidden, classes, w1: f64(w1.data), b1: f64(b1.data), wh: f64(wh.data), bh: f64(bh.data) };
}
