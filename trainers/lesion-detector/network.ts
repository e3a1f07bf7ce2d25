import type * as tfTypes from "@tensorflow/tfjs";
import { DETECTOR_LAYERS, type DetectorLayer } from "../../shared/lesion-detect/detector-spec.ts";
import { standardNormal, type Rng } from "../../shared/numeric/rng.ts";

type Tf = typeof tfTypes;
type ConvLayer = Extract<DetectorLayer, { kind: "conv" }>;

/** One conv layer's parameters as plain arrays: filter [kernel, kernel, inputs, outputs] (tfjs HWIO). */
export interface ConvWeights {
  filter: Float32Array;
  bias: Float32Array;
}

/** The detector's weights, one entry per conv layer of DETECTOR_LAYERS, in order. */
export type DetectorWeights = ConvWeights[];

const convLayers = (): ConvLayer[] => DETECTOR_LAYERS.filter((l): l is ConvLayer => l.kind === "conv");

/** He-normal filters, zero biases; the last layer's bias starts at logit(0.02), the lesion prior. */
export function initialWeights(rng: Rng): DetectorWeights {
  const layers = convLayers();
  return layers.map((l, i) => {
    const fanIn = l.kernel * l.kernel * l.inputs;
    const filter = Float32Array.from({ length: fanIn * l.outputs }, () => standardNormal(rng) * Math.sqrt(2 / fanIn));
    const bias = new Float32Array(l.outputs).fill(i === layers.length - 1 ? Math.log(0.02 / 0.98) : 0);
    return { filter, bias };
  });
}

/**
 * A "same"-padded dilated convolution whose filter gradient is computed by im2col (k² shifted
 * slices of the padded input) times dy as one matrix product: the tfjs wasm backend has no
 * Conv2DBackpropFilter kernel, but slices, concat and matMul it runs fast.
 */
export function trainableConv(tf: Tf, x: tfTypes.Tensor4D, w: tfTypes.Tensor4D, dilation: number): tfTypes.Tensor4D {
  const k = w.shape[0];
  if (k === 1) {
    // A 1×1 convolution is a matrix product over pixels (and its gradients are too).
    const [b, h, wd, ci] = x.shape;
    const co = w.shape[3];
    return tf.reshape(tf.matMul(tf.reshape(x, [b * h * wd, ci]), tf.reshape(w, [ci, co])), [b, h, wd, co]);
  }
  const conv = tf.customGrad(((xIn: tfTypes.Tensor4D, wIn: tfTypes.Tensor4D, save: tfTypes.GradSaveFunc) => {
    save([xIn, wIn]);
    return {
      value: tf.conv2d(xIn, wIn, 1, "same", "NHWC", dilation),
      gradFunc: (dy: tfTypes.Tensor4D, [xs, ws]: tfTypes.Tensor[]) => {
        const [b, h, wd, ci] = (xs as tfTypes.Tensor4D).shape;
        const co = ws!.shape[3]!;
        const p = (dilation * (k - 1)) / 2;
        // dx: the same dilated conv with the filter rotated by 180° and in/out channels swapped.
        const rotated = tf.transpose(tf.reverse(ws as tfTypes.Tensor4D, [0, 1]), [0, 1, 3, 2]) as tfTypes.Tensor4D;
        const dx = tf.conv2d(dy, rotated, 1, "same", "NHWC", dilation);
        const padded = tf.pad(xs as tfTypes.Tensor4D, [
          [0, 0],
          [p, p],
          [p, p],
          [0, 0],
        ]);
        const columns: tfTypes.Tensor[] = [];
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++)
            columns.push(tf.slice(padded, [0, i * dilation, j * dilation, 0], [b, h, wd, ci]));
        const patches = tf.reshape(tf.concat(columns, 3), [b * h * wd, k * k * ci]);
        const dw = tf.reshape(tf.matMul(patches, tf.reshape(dy, [b * h * wd, co]), true, false), [k, k, ci, co]);
        return [dx, dw];
      },
    };
  }) as unknown as Parameters<Tf["customGrad"]>[0]);
  return (conv as unknown as (a: tfTypes.Tensor, b: tfTypes.Tensor) => tfTypes.Tensor4D)(x, w);
}

/** The network as tfjs variables (trainable) with a forward pass giving heatmap logits. */
export class DetectorNet {
  readonly filters: tfTypes.Variable[];
  readonly biases: tfTypes.Variable[];

  constructor(
    private readonly tf: Tf,
    weights: DetectorWeights,
  ) {
    const layers = convLayers();
    this.filters = weights.map((w, i) => {
      const l = layers[i]!;
      return tf.variable(tf.tensor4d(w.filter, [l.kernel, l.kernel, l.inputs, l.outputs]));
    });
    this.biases = weights.map((w) => tf.variable(tf.tensor1d(w.bias)));
  }

  /** x: [batch, side, side, 1] standardised images → [batch, side/2, side/2, 1] logits. */
  logits(x: tfTypes.Tensor4D): tfTypes.Tensor4D {
    const { tf } = this;
    let h = x;
    let c = 0;
    for (const l of DETECTOR_LAYERS) {
      if (l.kind === "maxpool") {
        h = tf.maxPool(h, l.size, l.size, "same");
        continue;
      }
      h = tf.add(trainableConv(tf, h, this.filters[c] as unknown as tfTypes.Tensor4D, l.dilation), this.biases[c]!);
      if (l.relu) h = tf.relu(h);
      c++;
    }
    return h;
  }

  /** Heatmap probabilities for a batch of standardised inputs (each side × side), row-major per image. */
  predict(inputs: readonly Float32Array[], side: number): Float32Array[] {
    const { tf } = this;
    return tf.tidy(() => {
      const x = tf.tensor4d(concat(inputs), [inputs.length, side, side, 1]);
      const probs = tf.sigmoid(this.logits(x)).dataSync() as Float32Array;
      const per = probs.length / inputs.length;
      return inputs.map((_, i) => probs.slice(i * per, (i + 1) * per));
    });
  }

  weights(): DetectorWeights {
    return this.filters.map((f, i) => ({
      filter: f.dataSync().slice() as Float32Array,
      bias: this.biases[i]!.dataSync().slice() as Float32Array,
    }));
  }

  assign(weights: DetectorWeights): void {
    weights.forEach((w, i) => {
      this.filters[i]!.assign(this.tf.tensor(w.filter, this.filters[i]!.shape));
      this.biases[i]!.assign(this.tf.tensor(w.bias, this.biases[i]!.shape));
    });
  }

  dispose(): void {
    for (const v of [...this.filters, ...this.biases]) v.dispose();
  }
}

export function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
