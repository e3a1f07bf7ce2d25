import * as tf from "@tensorflow/tfjs";
import { centredGaussianGram, normalisedHsicFromCentred } from "./hsic.ts";
import { accuracy, activations, disposeMlp, initMlp, trainStep, type TrainingMode } from "./mlp.ts";
import type { Table } from "./penguins.ts";

export interface PlaneSettings {
  layers: number;
  width: number;
  epochs: number;
  every: number; // record the plane every `every` epochs
  rate: number;
  seed: number;
}

/** One recorded point per layer: (nHSIC(X;T_l), nHSIC(Y;T_l)) at an epoch. */
export interface PlanePoint {
  epoch: number;
  inputHsic: number;
  labelHsic: number;
}

export interface PlaneRun {
  mode: TrainingMode;
  trajectories: PlanePoint[][]; // [layer][record]
  trainAccuracy: number;
  testAccuracy: number;
}

/** Labels as one-hot rows, so that the label kernel is a Gaussian kernel like the others. */
function oneHot(labels: Int32Array, classes: number): Float64Array {
  const out = new Float64Array(labels.length * classes);
  labels.forEach((c, i) => (out[i * classes + c] = 1));
  return out;
}

/** Trains the MLP in one mode on the training split, tracking each layer in the HSIC plane on it. */
export function tracePlane(mode: TrainingMode, train: Table, test: Table, s: PlaneSettings): PlaneRun {
  const classes = train.classes.length;
  const n = train.n;
  const inputGram = centredGaussianGram(train.x, n, train.dim);
  const labelGram = centredGaussianGram(oneHot(train.labels, classes), n, classes);
  const x = tf.tensor2d(Float32Array.from(train.x), [n, train.dim]);
  const xTest = tf.tensor2d(Float32Array.from(test.x), [test.n, test.dim]);
  const target = tf.oneHot(tf.tensor1d(train.labels, "int32"), classes) as tf.Tensor2D;
  const m = initMlp(train.dim, s.width, s.layers, classes, s.seed, `${mode}${s.seed}`);
  const opts = Array.from({ length: s.layers }, () => tf.train.adam(s.rate));
  const trajectories: PlanePoint[][] = Array.from({ length: s.layers }, () => []);
  const record = (epoch: number) => {
    const acts = activations(m, x);
    acts.forEach((t, l) => {
      const gram = centredGaussianGram(Float64Array.from(t.dataSync()), n, s.width);
      trajectories[l]!.push({
        epoch,
        inputHsic: normalisedHsicFromCentred(inputGram, gram, n),
        labelHsic: normalisedHsicFromCentred(labelGram, gram, n),
      });
      t.dispose();
    });
  };
  try {
    record(0);
    for (let epoch = 1; epoch <= s.epochs; epoch++) {
      trainStep(m, mode, x, target, opts);
      if (epoch % s.every === 0 || epoch === s.epochs) record(epoch);
    }
    return {
      mode,
      trajectories,
      trainAccuracy: accuracy(m, x, train.labels),
      testAccuracy: accuracy(m, xTest, test.labels),
    };
  } finally {
    disposeMlp(m);
    for (const o of opts) o.dispose();
    x.dispose();
    xTest.dispose();
    target.dispose();
  }
}
