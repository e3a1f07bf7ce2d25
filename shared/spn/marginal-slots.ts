import type { CompiledSpn } from "./compiled-spn.ts";
import { rowFlows } from "./downward.ts";
import type { EvidenceBatch } from "./evidence.ts";
import { mvnMomentsOfRow } from "./marginals.ts";
import { leafMoment } from "./mvn-passes.ts";
import { chooseWasm } from "./wasm/choose.ts";
import { wasmMarginalSlots } from "./wasm/flows.ts";

/**
 * Batched single-variable posteriors, one upward + one downward pass per chunk of rows (in wasm
 * where available). Slot layout (`slotOf`): a discrete variable with K states owns K slots,
 * p(X = s | row); a gaussian owns two, the posterior mixture's mean and variance. Observed
 * variables are NOT special-cased (an observed discrete X gets 1 on its value by the same
 * computation; an observed gaussian's slots are meaningless): callers override them.
 * A row with p(row) = 0 has logP -Infinity and NaN slots.
 */
export interface MarginalSlots {
  readonly logP: Float64Array;
  /** Row-major: slots[r * slotCount + slotOf[v] + s]. */
  readonly slots: Float64Array;
  readonly slotOf: Int32Array;
  readonly slotCount: number;
}

export function marginalSlotLayout(spn: CompiledSpn): { slotOf: Int32Array; slotCount: number } {
  const slotOf = new Int32Array(spn.variables.length);
  let slotCount = 0;
  spn.stateCount.forEach((k, v) => {
    slotOf[v] = slotCount;
    slotCount += k === 0 ? 2 : k;
  });
  return { slotOf, slotCount };
}

export function marginalSlotsBatch(spn: CompiledSpn, memberIndex: number, rows: EvidenceBatch): MarginalSlots {
  const { slotOf, slotCount } = marginalSlotLayout(spn);
  const B = rows.rowCount;
  const logP = new Float64Array(B);
  const slots = new Float64Array(B * slotCount);
  const wasm = chooseWasm(spn);
  const redo =
    wasm === null ? Array.from({ length: B }, (_, r) => r) : wasmMarginalSlots(wasm, memberIndex, rows, logP, slots);
  const V = spn.variables.length;
  const row = new Float64Array(V);
  for (const r of redo) {
    for (let v = 0; v < V; v++) row[v] = rows.values[v * B + r]!;
    const { logP: lp, flow } = rowFlows(spn, memberIndex, row, false);
    logP[r] = lp;
    if (lp === -Infinity) slots.fill(NaN, r * slotCount, (r + 1) * slotCount);
    else
      slotsFromFlows(
        spn,
        memberIndex,
        flow,
        slotOf,
        slots,
        r * slotCount,
        mvnMomentsOfRow(spn, memberIndex, row, flow, 0, 1),
      );
  }
  return { logP, slots, slotOf, slotCount };
}

/** The JS reference of the kernel's leafMarginals, for one row's flows, into out[at ..]. */
function slotsFromFlows(
  spn: CompiledSpn,
  memberIndex: number,
  flow: Float64Array,
  slotOf: Int32Array,
  out: Float64Array,
  at: number,
  moments: Float64Array | null,
): void {
  const { leafLogParams } = spn.members[memberIndex]!;
  const { stateCount, variableLeafStart, variableLeaves, leafParamStart } = spn;
  for (let v = 0; v < spn.variables.length; v++) {
    const k = stateCount[v]!;
    const o = at + slotOf[v]!;
    out.fill(0, o, o + (k === 0 ? 2 : k));
    for (let i = variableLeafStart[v]!; i < variableLeafStart[v + 1]!; i++) {
      const leaf = variableLeaves[i]!;
      const p = leafParamStart[leaf]!;
      if (k === 0) out[o]! += flow[leaf]! * leafMoment(spn, leafLogParams, moments, i, 0);
      else for (let s = 0; s < k; s++) out[o + s]! += flow[leaf]! * Math.exp(leafLogParams[p + s]!);
    }
    if (k !== 0) continue;
    for (let i = variableLeafStart[v]!; i < variableLeafStart[v + 1]!; i++) {
      const d = leafMoment(spn, leafLogParams, moments, i, 0) - out[o]!; // law of total variance, centred at the mean
      out[o + 1]! += flow[variableLeaves[i]!]! * (leafMoment(spn, leafLogParams, moments, i, 1) + d * d);
    }
  }
}
