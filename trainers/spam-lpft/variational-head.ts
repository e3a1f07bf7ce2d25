import * as tf from "@tensorflow/tfjs";
import { createRng, standardNormal } from "../../shared/numeric/rng.ts";

/**
 * A Gaussian mean-field variational last layer q(W, b) = N(mu, diag sigma²) on frozen fine-tuned
 * features, trained with the classification form of the excess-risk objective of Futami et al.
 * (arXiv 2206.01606, rBER(lambda)): per datum
 *   mean_m[-log p_m(y)] - (1 - lambda) [H(p̄) - mean_m H(p_m)]  (+ KL(q || p) / N),
 * with M reparameterised draws per step. lambda = 1 is plain VI (expected log-likelihood + KL);
 * lambda ≈ 0.05 rewards member disagreement (the mutual information) and so keeps the spread
 * that plain VI shrinks, which the paper shows gives honest epistemic uncertainty. After
 * training, M members are drawn with a seeded generator and stored in head.json.
 */
export interface VariationalOptions {
  members: number;
  lambda: number;
  steps: number;
  rate: number;
  priorStd: number;
  seed: number;
}

export interface VariationalHead {
  /** M × C × F, member-major. */
  weights: Float64Array;
  /** M × C. */
  bias: Float64Array;
  meanV: Float64Array;
  meanB: Float64Array;
  /** Mean posterior standard deviation of the weights. */
  meanStd: number;
  finalLoss: number;
}

const softplus = (x: tf.Tensor) => tf.log1p(tf.exp(x));
const inverseSoftplus = (y: number) => Math.log(Math.expm1(y));

export function fitVariationalHead(
  x: Float64Array,
  y: Int32Array,
  init: { v: Float64Array; b: Float64Array },
  o: VariationalOptions,
): VariationalHead {
  const C = init.b.length;
  const F = init.v.length / C;
  const N = y.length;
  const M = o.members;
  const tag = `vh${o.lambda}.${o.seed}`;
  const muV = tf.variable(tf.tensor2d(Float32Array.from(init.v), [C, F]), true, `${tag}.muV`);
  const muB = tf.variable(tf.tensor1d(Float32Array.from(init.b)), true, `${tag}.muB`);
  const rhoV = tf.variable(tf.fill([C, F], inverseSoftplus(0.05)), true, `${tag}.rhoV`);
  const rhoB = tf.variable(tf.fill([C], inverseSoftplus(0.05)), true, `${tag}.rhoB`);
  const xs = tf.tensor2d(Float32Array.from(x), [N, F]);
  const onehot = tf.oneHot(tf.tensor1d(y, "int32"), C).expandDims(1); // [N, 1, C]
  const opt = tf.train.adam(o.rate);
  const kl = (mu: tf.Tensor, sigma: tf.Tensor) =>
    tf.sum(
      tf.add(
        tf.sub(Math.log(o.priorStd), tf.log(sigma)),
        tf.sub(tf.div(tf.add(tf.square(sigma), tf.square(mu)), 2 * o.priorStd ** 2), 0.5),
      ),
    );
  let finalLoss = NaN;
  for (let step = 0; step < o.steps; step++) {
    const loss = opt.minimize(
      () => {
        const sV = softplus(rhoV);
        const sB = softplus(rhoB);
        const w = tf.add(muV, tf.mul(sV, tf.randomNormal([M, C, F], 0, 1, "float32", o.seed * 100_003 + step)));
        const bb = tf.add(muB, tf.mul(sB, tf.randomNormal([M, C], 0, 1, "float32", o.seed * 100_003 + step + 50_000)));
        const logits = tf.add(tf.reshape(tf.matMul(xs, tf.reshape(w, [M * C, F]), false, true), [N, M, C]), bb); // [N, M, C]
        const logp = tf.logSoftmax(logits);
        const p = tf.exp(logp);
        const nll = tf.neg(tf.mean(tf.sum(tf.mul(logp, onehot), 2), 1)); // [N]
        const aleatoric = tf.mean(tf.neg(tf.sum(tf.mul(p, logp), 2)), 1);
        const pbar = tf.mean(p, 1);
        const total = tf.neg(tf.sum(tf.mul(pbar, tf.log(tf.add(pbar, 1e-12))), 1));
        const mi = tf.sub(total, aleatoric);
        const data = tf.mean(tf.sub(nll, tf.mul(mi, 1 - o.lambda)));
        return tf.add(data, tf.div(tf.add(kl(muV, sV), kl(muB, sB)), N)) as tf.Scalar;
      },
      true,
      [muV, muB, rhoV, rhoB],
    );
    finalLoss = loss!.dataSync()[0]!;
    loss!.dispose();
  }
  const mv = Float64Array.from(muV.dataSync());
  const mb = Float64Array.from(muB.dataSync());
  const sv = Float64Array.from(tf.tidy(() => softplus(rhoV)).dataSync());
  const sb = Float64Array.from(tf.tidy(() => softplus(rhoB)).dataSync());
  const rng = createRng(o.seed);
  const weights = new Float64Array(M * C * F);
  const bias = new Float64Array(M * C);
  for (let m = 0; m < M; m++) {
    for (let k = 0; k < C * F; k++) weights[m * C * F + k] = mv[k]! + sv[k]! * standardNormal(rng);
    for (let c = 0; c < C; c++) bias[m * C + c] = mb[c]! + sb[c]! * standardNormal(rng);
  }
  for (const t of [muV, muB, rhoV, rhoB, xs, onehot]) t.dispose();
  opt.dispose();
  return { weights, bias, meanV: mv, meanB: mb, meanStd: sv.reduce((a, b) => a + b, 0) / sv.length, finalLoss };
}
