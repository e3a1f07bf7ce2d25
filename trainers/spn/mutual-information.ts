import { uniformInt, type Rng } from "../../shared/numeric/rng.ts";
import type { BinaryData } from "./dataset.ts";

/**
 * Pairwise mutual information (nats) of binary columns, D x D row-major, from counts with add-1/2
 * smoothing of each 2 x 2 table (an unsmoothed table with an empty cell gives MI from 0 log 0
 * noise). The diagonal is 0. O(sum over rows of (ones in the row)^2): each row lists its ones once.
 */
export function mutualInformation(data: BinaryData): Float64Array {
  const D = data.cols;
  const N = data.rows;
  const both = new Float64Array(D * D); // n11 for every pair
  const ones = new Float64Array(D);
  const list = new Int32Array(D);
  for (let n = 0; n < N; n++) {
    let m = 0;
    for (let d = 0; d < D; d++) if (data.x[n * D + d] === 1) list[m++] = d;
    for (let i = 0; i < m; i++) {
      const a = list[i]!;
      ones[a]!++;
      for (let j = i + 1; j < m; j++) both[a * D + list[j]!]!++;
    }
  }
  const mi = new Float64Array(D * D);
  const total = N + 2; // = N + 4 cells x 1/2
  const term = (nxy: number, nx: number, ny: number): number => (nxy / total) * Math.log((nxy * total) / (nx * ny));
  for (let i = 0; i < D; i++) {
    for (let j = i + 1; j < D; j++) {
      const n11 = both[i * D + j]! + 0.5;
      const n10 = ones[i]! - both[i * D + j]! + 0.5;
      const n01 = ones[j]! - both[i * D + j]! + 0.5;
      const n00 = N - ones[i]! - ones[j]! + both[i * D + j]! + 0.5;
      const v =
        term(n11, n11 + n10, n11 + n01) +
        term(n10, n11 + n10, n10 + n00) +
        term(n01, n01 + n00, n11 + n01) +
        term(n00, n01 + n00, n10 + n00);
      mi[i * D + j] = mi[j * D + i] = Math.max(0, v);
    }
  }
  return mi;
}

/**
 * Splits `scope` into two halves (sizes floor(s/2), ceil(s/2), as the random split) that keep
 * dependent variables together: a random balanced start, then Kernighan–Lin swaps while one lowers
 * the mutual information cut between the halves (the region-graph analogue of LearnSPN's variable
 * clustering; Gens & Domingos 2013). Different random starts end in different local minima, so J
 * such partitions of one region stay diverse. O(s^2) per swap, at most s swaps.
 */
export function mutualInformationSplit(
  rng: Rng,
  scope: readonly number[],
  mi: Float64Array,
  D: number,
): [number[], number[]] {
  const s = scope.length;
  const order = scope.slice();
  for (let i = s - 1; i > 0; i--) {
    const k = uniformInt(rng, i + 1);
    [order[i], order[k]] = [order[k]!, order[i]!];
  }
  const half = s >> 1;
  const side = new Uint8Array(s); // 0 = left, 1 = right; index into `order`
  for (let i = half; i < s; i++) side[i] = 1;
  // gain[i] = MI to the other half - MI to its own half: what moving i alone would cut.
  const gain = new Float64Array(s);
  for (let i = 0; i < s; i++) {
    for (let k = 0; k < s; k++) {
      if (k === i) continue;
      const w = mi[order[i]! * D + order[k]!]!;
      gain[i]! += side[k] === side[i] ? -w : w;
    }
  }
  for (let swaps = 0; swaps < s; swaps++) {
    let best = 1e-12;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < s; i++) {
      if (side[i] !== 0) continue;
      for (let j = 0; j < s; j++) {
        if (side[j] !== 1) continue;
        const g = gain[i]! + gain[j]! - 2 * mi[order[i]! * D + order[j]!]!;
        if (g > best) {
          best = g;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    side[bi] = 1;
    side[bj] = 0;
    const wij = mi[order[bi]! * D + order[bj]!]!;
    const gi = gain[bi]!;
    const gj = gain[bj]!;
    for (let k = 0; k < s; k++) {
      // Moving bi to the right and bj to the left changes every other variable's gain by +-2 w.
      const wi = mi[order[k]! * D + order[bi]!]!;
      const wj = mi[order[k]! * D + order[bj]!]!;
      if (k !== bi) gain[k]! += side[k] === 1 ? -2 * wi : 2 * wi;
      if (k !== bj) gain[k]! += side[k] === 0 ? -2 * wj : 2 * wj;
    }
    gain[bi] = -gi + 2 * wij;
    gain[bj] = -gj + 2 * wij;
  }
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < s; i++) (side[i] === 0 ? left : right).push(order[i]!);
  return [left.sort((a, b) => a - b), right.sort((a, b) => a - b)];
}
