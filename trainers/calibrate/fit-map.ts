import type { CalibrationMap } from "../../shared/classify/artifact-schema.ts";
import { minimiseBfgs } from "./bfgs.ts";

/**
 * Fitting the calibration maps of shared/classify/calibrator.ts on member log-probabilities
 * L (N × M × C, at the fitted temperature) and labels, by the NLL of the member average, which
 * is what the server answers with.
 *
 * Matrix maps q = softmax(W l + b): vector scaling (W diagonal, L2 penalty mu on b) and Dirichlet
 * calibration with ODIR (Kull et al. 2019: lambda on W's off-diagonal, mu on b, each averaged over
 * its entries). Started at W = I, b = 0, i.e. at temperature scaling.
 *
 * Binary maps (two labels): isotonic regression by pool-adjacent-violators and histogram binning
 * in equal-mass bins on the members' p(1), each member weighted 1/M; block and bin values are
 * (Σ w·y + 0.5) / (Σ w + 1), so none is 0 or 1 and the NLL stays finite.
 */
export interface MatrixOptions {
  diagonal: boolean;
  lambda: number;
  mu: number;
}

export function fitMatrixMap(
  L: Float64Array,
  y: ArrayLike<number>,
  members: number,
  classes: number,
  o: MatrixOptions,
): CalibrationMap {
  const C = classes;
  const n = y.length;
  const free = o.diagonal ? C : C * C;
  const unpack = (theta: Float64Array, W: Float64Array, b: Float64Array) => {
    W.fill(0);
    if (o.diagonal) for (let c = 0; c < C; c++) W[c * C + c] = theta[c]!;
    else W.set(theta.subarray(0, C * C));
    b.set(theta.subarray(free, free + C));
  };
  const W = new Float64Array(C * C);
  const b = new Float64Array(C);
  const s = new Float64Array(members * C);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    unpack(theta, W, b);
    const gW = new Float64Array(C * C);
    const gb = new Float64Array(C);
    let nll = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      let mix = 0;
      for (let m = 0; m < members; m++) {
        const l = i * members * C + m * C;
        let max = -Infinity;
        for (let r = 0; r < C; r++) {
          let v = b[r]!;
          for (let c = 0; c < C; c++) v += W[r * C + c]! * L[l + c]!;
          s[m * C + r] = v;
          max = Math.max(max, v);
        }
        let z = 0;
        for (let r = 0; r < C; r++) z += Math.exp(s[m * C + r]! - max);
        for (let r = 0; r < C; r++) s[m * C + r] = Math.exp(s[m * C + r]! - max) / z;
        mix += s[m * C + yi]!;
      }
      nll -= Math.log(Math.max(mix / members, Number.MIN_VALUE));
      for (let m = 0; m < members; m++) {
        const w = s[m * C + yi]! / Math.max(mix, Number.MIN_VALUE); // responsibility of member m
        const l = i * members * C + m * C;
        for (let r = 0; r < C; r++) {
          const g = (w * (s[m * C + r]! - (r === yi ? 1 : 0))) / n;
          gb[r]! += g;
          for (let c = 0; c < C; c++) gW[r * C + c]! += g * L[l + c]!;
        }
      }
    }
    let value = nll / n;
    const off = C > 1 ? o.lambda / (C * (C - 1)) : 0;
    for (let r = 0; r < C; r++) {
      value += (o.mu / C) * b[r]! * b[r]!;
      gb[r]! += ((2 * o.mu) / C) * b[r]!;
      if (o.diagonal) continue;
      for (let c = 0; c < C; c++) {
        if (r === c) continue;
        value += off * W[r * C + c]! * W[r * C + c]!;
        gW[r * C + c]! += 2 * off * W[r * C + c]!;
      }
    }
    if (o.diagonal) for (let c = 0; c < C; c++) grad[c] = gW[c * C + c]!;
    else grad.set(gW);
    grad.set(gb, free);
    return value;
  };
  const start = new Float64Array(free + C);
  if (o.diagonal) start.fill(1, 0, C);
  else for (let c = 0; c < C; c++) start[c * C + c] = 1;
  const { x } = minimiseBfgs(objective, start);
  unpack(x, W, b);
  return { kind: "matrix", classes: C, weights: Array.from(W), bias: Array.from(b) };
}

interface Point {
  p: number;
  y: number;
  w: number;
}

/** The members' (p(1), y, 1/M) of every example, sorted by p(1). */
function points(L: Float64Array, y: ArrayLike<number>, members: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < y.length; i++)
    for (let m = 0; m < members; m++)
      out.push({ p: Math.exp(L[(i * members + m) * 2 + 1]!), y: y[i]!, w: 1 / members });
  return out.sort((a, b) => a.p - b.p);
}

const smoothed = (sy: number, sw: number) => (sy + 0.5) / (sw + 1);

/** Step map from blocks of sorted points: each block's upper edge is midway to the next block. */
function stepMap(pts: Point[], blocks: { from: number; to: number }[]): CalibrationMap {
  const upper: number[] = [];
  const values: number[] = [];
  blocks.forEach(({ from, to }, k) => {
    let sy = 0;
    let sw = 0;
    for (let j = from; j < to; j++) (sy += pts[j]!.w * pts[j]!.y), (sw += pts[j]!.w);
    upper.push(k === blocks.length - 1 ? 1 : (pts[to - 1]!.p + pts[to]!.p) / 2);
    values.push(smoothed(sy, sw));
  });
  return { kind: "binary", upper, values };
}

export function fitIsotonicMap(L: Float64Array, y: ArrayLike<number>, members: number): CalibrationMap {
  const pts = points(L, y, members);
  // Pool adjacent violators over points tied in p first (one value per distinct p).
  const blocks: { from: number; to: number; sy: number; sw: number }[] = [];
  for (let j = 0; j < pts.length; ) {
    let k = j;
    let sy = 0;
    let sw = 0;
    while (k < pts.length && pts[k]!.p === pts[j]!.p) (sy += pts[k]!.w * pts[k]!.y), (sw += pts[k]!.w), k++;
    blocks.push({ from: j, to: k, sy, sw });
    while (blocks.length > 1) {
      const [a, b] = [blocks[blocks.length - 2]!, blocks[blocks.length - 1]!];
      if (a.sy / a.sw < b.sy / b.sw) break;
      blocks.splice(-2, 2, { from: a.from, to: b.to, sy: a.sy + b.sy, sw: a.sw + b.sw });
    }
    j = k;
  }
  return stepMap(pts, blocks);
}

export function fitHistogramMap(L: Float64Array, y: ArrayLike<number>, members: number, bins = 10): CalibrationMap {
  const pts = points(L, y, members);
  const blocks: { from: number; to: number }[] = [];
  let from = 0;
  for (let k = 1; k <= bins && from < pts.length; k++) {
    let to = k === bins ? pts.length : Math.round((k * pts.length) / bins);
    while (to < pts.length && to > from && pts[to]!.p === pts[to - 1]!.p) to++; // keep ties in one bin
    if (to > from) blocks.push({ from, to }), (from = to);
  }
  return stepMap(pts, blocks);
}
