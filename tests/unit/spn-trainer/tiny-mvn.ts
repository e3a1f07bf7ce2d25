import { createRng } from "../../../shared/numeric/rng.ts";
import type { BinaryData } from "../../../trainers/spn/dataset.ts";
import { defaultTabularHyper } from "../../../trainers/spn/hyper-tabular.ts";
import { buildRegionGraph, type StructureOptions } from "../../../trainers/spn/region-graph.ts";
import { createState, type SamplerState } from "../../../trainers/spn/state.ts";

/** All-continuous table; uneven Normal–Gamma priors per column (optionally with equal a0, kappa0). */
export function mvnState(data: BinaryData, structure: StructureOptions, equal = false): SamplerState {
  const graph = buildRegionGraph(createRng(7), data.cols, structure);
  const hyper = defaultTabularHyper(data, 0.5);
  for (let d = 0; d < data.cols; d++) {
    hyper.tabular!.normalGamma.set(
      equal ? [0.3 - 0.1 * d, 0.7, 1.6, 0.8 + 0.2 * d] : [0.3 - 0.1 * d, 0.7 + 0.1 * d, 1.6 + 0.3 * d, 0.8 + 0.2 * d],
      4 * d,
    );
  }
  return createState(graph, data, hyper, true);
}
