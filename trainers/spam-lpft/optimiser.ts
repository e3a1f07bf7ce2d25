import * as tf from "@tensorflow/tfjs";

/**
 * Adam with linear warm-up and linear decay and global-norm gradient clipping (the BERT recipe,
 * Devlin et al. 2019), over an explicit variable list so that frozen weights stay frozen.
 */
export class ScheduledAdam {
  readonly #adam: tf.AdamOptimizer;
  #step = 0;

  constructor(
    readonly peakRate: number,
    readonly totalSteps: number,
    readonly warmupFraction = 0.06,
    readonly clipNorm = 1,
  ) {
    this.#adam = tf.train.adam(peakRate, 0.9, 0.999, 1e-8);
  }

  rate(step: number): number {
    const warm = Math.max(1, Math.round(this.totalSteps * this.warmupFraction));
    return step < warm
      ? (this.peakRate * (step + 1)) / warm
      : (this.peakRate * Math.max(0, this.totalSteps - step)) / Math.max(1, this.totalSteps - warm);
  }

  /** One step on `loss`; returns the loss value. */
  step(loss: () => tf.Scalar, variables: tf.Variable[]): number {
    // AdamOptimizer reads its learningRate field on every apply: setting it gives a schedule.
    (this.#adam as unknown as { learningRate: number }).learningRate = this.rate(this.#step++);
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, variables);
      const list = variables.map((v) => grads[v.name]!);
      const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g))))).dataSync()[0]!;
      const scale = norm > this.clipNorm ? this.clipNorm / norm : 1;
      const named: Record<string, tf.Tensor> = {};
      for (const v of variables) named[v.name] = tf.mul(grads[v.name]!, scale);
      this.#adam.applyGradients(named as tf.NamedTensorMap as Parameters<tf.AdamOptimizer["applyGradients"]>[0]);
      return value.dataSync()[0]!;
    });
  }

  dispose(): void {
    this.#adam.dispose();
  }
}
