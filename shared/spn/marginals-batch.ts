import type { CompiledSpn } from "./compiled-spn.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { flowChunk } from "./flow-batch.ts";
import { mvnMomentsOfRow } from "./marginals.ts";
import { leafMoment } from "./mvn-passes.ts";
import type { SetEvaluator } from "./row-summaries.ts";
import { sumProductChunk } from "./upward.ts";
import { chooseWasm } from "./wasm/choose.ts";
import { wasmMarginalSlots } from "./wasm/flows.ts";
import { scratch } from "./workspace.ts";

/** Doubles in each of the value and flow buffers (2 MiB): per edge-row cost hardly depends on the chunk. */
const MARGINAL_CHUNK_DOUBLES = 1 << 18;

/** Where each listed variable's answer sits in a row's values: K state probabilities, or [mean, variance]. */
export interface MarginalLayout {
  readonly variables: readonly number[];
  readonly offset: Int32Array;
  readonly width: number;
}

export function marginalLayout(spn: CompiledSpn, variables: readonly number[]): MarginalLayout {
  const offset = new Int32Array(variables.length);
  let width = 0;
  variables.forEach((v, i) => {
    offset[i] = width;
    width += spn.stateCount[v]! === 0 ? 2 : spn.stateCount[v]!;
  });
  return { variables, offset, width };
}

/**
 * Single-variable posteriors of every listed variable for a chunk of evidence rows under one
 * parameter set, by batched upward (sumProductChunk) and downward (flowChunk) passes: for an
 * unobserved X, p(X = x | e) = Σ over leaves L of X of flow_L p_L(x) (Darwiche 2003; marginals.ts),
 * a gaussian's exact mixture mean and variance; an observed X is a point mass. logWeight = log p(e).
 * In the wasm kernels where available (wasm/choose.ts; rows they cannot trust are redone here).
 */
export function marginalsEvaluator(evidence: EvidenceBatch, layout: MarginalLayout): SetEvaluator {
  const js = jsMarginals(evidence, layout);
  return (spn, memberIndex, r0, len, out, logWeight) => {
    const wasm = chooseWasm(spn);
    if (wasm === null) return js(spn, memberIndex, r0, len, out, logWeight);
    const slots = scratch(spn, "marginal-slots", len * wasm.slotCount);
    const redo = wasmMarginalSlots(wasm, memberIndex, evidence, logWeight, slots, r0, r0 + len);
    const { variables, offset, width } = layout;
    const B = evidence.rowCount;
    for (let r = 0; r < len; r++) {
      variables.forEach((v, i) => {
        const at = r * width + offset[i]!;
        const k = spn.stateCount[v]!;
        const x = evidence.values[v * B + r0 + r]!;
        const from = r * wasm.slotCount + wasm.slotOf[v]!;
        if (Number.isNaN(x)) for (let s = 0; s < (k === 0 ? 2 : k); s++) out[at + s] = slots[from + s]!;
        else pointMass(out, at, k, x);
      });
    }
    for (const row of redo)
      js(
        spn,
        memberIndex,
        row,
        1,
        out.subarray((row - r0) * width, (row - r0 + 1) * width),
        logWeight.subarray(row - r0, row - r0 + 1),
      );
  };
}

/** An observed variable's answer: probability 1 on its state, or a gaussian's value with variance 0. */
function pointMass(out: Float64Array, at: number, k: number, x: number): void {
  if (k === 0) {
    out[at] = x;
    out[at + 1] = 0;
    return;
  }
  out.fill(0, at, at + k);
  out[at + x] = 1;
}

/** The JS passes (sumProductChunk, flowChunk): the reference, and the path without wasm. */
function jsMarginals(evidence: EvidenceBatch, layout: MarginalLayout): SetEvaluator {
  return (spn, memberIndex, r0, len, out, logWeight) => {
    const member = spn.members[memberIndex]!;
    const N = spn.nodeCount;
    const R = Math.max(1, Math.min(len, Math.floor(MARGINAL_CHUNK_DOUBLES / N)));
    const values = scratch(spn, "marginal-values", R * N);
    const flow = scratch(spn, "flow", R * N);
    const acc = scratch(spn, "acc", R);
    const linear = scratch(spn, "leaf-linear", member.leafLogParams.length);
    for (let i = 0; i < linear.length; i++) linear[i] = Math.exp(member.leafLogParams[i]!);
    const B = evidence.rowCount;
    const { variables, offset, width } = layout;
    for (let c0 = 0; c0 < len; c0 += R) {
      const n = Math.min(R, len - c0);
      sumProductChunk(spn, member, evidence, r0 + c0, n, values, acc);
      flowChunk(spn, member, values, n, flow);
      for (let r = 0; r < n; r++) logWeight[c0 + r] = values[spn.root * n + r]!;
      out.fill(0, c0 * width, (c0 + n) * width);
      for (let r = 0; r < n; r++) {
        // The mvn leaves' conditional moments, once per row (not per variable), in one row's
        // scratch: a chunk's worth was 13 MB on wdbc (2 x 9,600 doubles a row).
        const moments = mvnMomentsOfRow(spn, memberIndex, evidence.values, flow, r0 + c0 + r, B, n, r);
        variables.forEach((v, i) => {
          const k = spn.stateCount[v]!;
          const at = (c0 + r) * width + offset[i]!;
          const x = evidence.values[v * B + r0 + c0 + r]!;
          if (!Number.isNaN(x)) {
            if (k === 0) out[at] = x;
            else out[at + x] = 1;
          } else if (k === 0) {
            gaussianMixture(spn, v, member.leafLogParams, moments, flow, n, r, out, at);
          } else {
            for (let j = spn.variableLeafStart[v]!; j < spn.variableLeafStart[v + 1]!; j++) {
              const leaf = spn.variableLeaves[j]!;
              const f = flow[leaf * n + r]!;
              if (f === 0) continue;
              const p = spn.leafParamStart[leaf]!;
              for (let s = 0; s < k; s++) out[at + s]! += f * linear[p + s]!;
            }
          }
        });
      }
    }
  };
}

/** Mean and variance (law of total variance, centred at the mean) of the flow-weighted leaves of v. */
function gaussianMixture(
  spn: CompiledSpn,
  v: number,
  params: Float64Array,
  moments: Float64Array | null,
  flow: Float64Array,
  n: number,
  r: number,
  out: Float64Array,
  at: number,
): void {
  let mean = 0;
  for (let j = spn.variableLeafStart[v]!; j < spn.variableLeafStart[v + 1]!; j++) {
    mean += flow[spn.variableLeaves[j]! * n + r]! * leafMoment(spn, params, moments, j, 0);
  }
  let variance = 0;
  for (let j = spn.variableLeafStart[v]!; j < spn.variableLeafStart[v + 1]!; j++) {
    const d = leafMoment(spn, params, moments, j, 0) - mean;
    variance += flow[spn.variableLeaves[j]! * n + r]! * (leafMoment(spn, params, moments, j, 1) + d * d);
  }
  out[at] = mean;
  out[at + 1] = variance;
}
