import { choleskyInto, halfLogDet } from "../../shared/numeric/cholesky.ts";
import { setMvnPrior, type MvnBlocks } from "./leaf-mvn.ts";
import { logGamma } from "./special.ts";

const LOG_PI = 1.1447298858494002; // = log(pi)

/**
 * log p(rows of component c) under the block's current NIW prior (Murphy 2007, "Conjugate
 * Bayesian analysis of the Gaussian", eq. 266), from the exact statistics; Psi_n as in
 * refreshMvnComponent. `a` needs 2 p^2 + p doubles.
 */
export function niwComponentLogMarginal(b: MvnBlocks, c: number, r: number, a: Float64Array): number {
  const p = b.p[r]!;
  const n = b.n[c]!;
  if (n === 0) return 0;
  const k0 = b.kappa0[r]!;
  const kn = k0 + n;
  const nu0 = b.nu0[r]!;
  const lin = b.linAt[c]!;
  const sq = b.sqAt[c]!;
  const v0 = b.varStart[r]!;
  let logDet0 = 0;
  for (let i = 0; i < p; i++) {
    a[i] = b.sum[lin + i]! / n - b.mu0[v0 + i]!;
    logDet0 += Math.log(b.psi0[v0 + i]!);
  }
  const shrink = (k0 * n) / kn;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const scatter = b.outer[sq + i * p + j]! - (b.sum[lin + i]! * b.sum[lin + j]!) / n;
      a[p + i * p + j] = (i === j ? b.psi0[v0 + i]! : 0) + scatter + shrink * a[i]! * a[j]!;
    }
  }
  if (!choleskyInto(a, p, p, a, p + p * p)) return -Infinity;
  let logGammaRatio = 0;
  for (let j = 0; j < p; j++) logGammaRatio += logGamma((nu0 + n - j) / 2) - logGamma((nu0 - j) / 2);
  return (
    -((n * p) / 2) * LOG_PI +
    logGammaRatio +
    (nu0 / 2) * logDet0 -
    (nu0 + n) * halfLogDet(a, p + p * p, p) +
    (p / 2) * Math.log(k0 / kn)
  );
}

function totalLogMarginal(
  b: MvnBlocks,
  normalGamma: ArrayLike<number>,
  compStart: Int32Array,
  size: Int32Array,
  a: Float64Array,
): number {
  setMvnPrior(b, normalGamma);
  let total = 0;
  for (let r = 0; r < b.p.length; r++) {
    if (b.p[r] === 0) continue;
    for (let k = 0; k < size[r]!; k++) total += niwComponentLogMarginal(b, compStart[r]! + k, r, a);
  }
  return total;
}

const BOUNDS: readonly [number, number] = [Math.log(1e-2), Math.log(1e3)];

/**
 * Type-II ML of the shared (nuExtra, kappa0) given the sampler's groups (Monte-Carlo EM, as the
 * per-column fits of hyper-tabular.ts): coordinate search on their logs, step halving to 1e-3,
 * warm-started at the current values. Leaves the fitted prior set in `b` (components not refreshed).
 */
export function fitNiwShared(
  b: MvnBlocks,
  normalGamma: ArrayLike<number>,
  compStart: Int32Array,
  size: Int32Array,
): void {
  const a = new Float64Array(2 * b.maxP * b.maxP + b.maxP);
  const clamp = (v: number): number => Math.min(BOUNDS[1], Math.max(BOUNDS[0], v));
  let theta = [clamp(Math.log(b.nuExtra)), clamp(Math.log(b.sharedKappa0))];
  const objective = (t: readonly number[]): number => {
    b.nuExtra = Math.exp(t[0]!);
    b.sharedKappa0 = Math.exp(t[1]!);
    return totalLogMarginal(b, normalGamma, compStart, size, a);
  };
  let best = objective(theta);
  for (let step = 1, iter = 0; step > 1e-3 && iter < 500; iter++) {
    let improved = false;
    for (let i = 0; i < 2; i++) {
      for (const dir of [step, -step]) {
        const next = theta.slice();
        next[i] = clamp(next[i]! + dir);
        const v = objective(next);
        if (v > best) [best, theta, improved] = [v, next, true];
      }
    }
    if (!improved) step /= 2;
  }
  objective(theta);
}
