/**
 * Issue 13's "Why" re-measured: an outside estimate that also drew each member's parameters put
 * the epistemic spread at about 1.6x the served one, which then came from the S members alone.
 * For random conditionals p(q | e) (one query variable, 0-3 evidence variables, seeded), the std
 * and 95% interval width of the served spread (S x R posterior draws) against the members-only
 * spread of the same artifact without its posterior statistics; medians of the per-query ratios.
 */
import { createRng, uniformInt } from "../shared/numeric/rng.ts";
import { type SpnModel, spnConditional } from "../shared/spn/index.ts";

export function spreadRatio(
  served: SpnModel,
  membersOnly: SpnModel,
  queries: number,
  seed: number,
): Record<string, number> {
  const rng = createRng(seed);
  const vars = served.variables.filter((v) => v.states.length > 0); // discrete variables
  const stdRatio: number[] = [];
  const widthRatio: number[] = [];
  const stdServed: number[] = [];
  const stdMembers: number[] = [];
  for (let i = 0; i < queries; i++) {
    const q = vars[uniformInt(rng, vars.length)]!;
    const query = { [q.name]: q.states[uniformInt(rng, q.states.length)]! };
    const evidence: Record<string, string | number> = {};
    for (let k = uniformInt(rng, 4); k > 0; k--) {
      const v = vars[uniformInt(rng, vars.length)]!;
      if (v.name !== q.name) evidence[v.name] = v.states[uniformInt(rng, v.states.length)]!;
    }
    const a = spnConditional(served, query, evidence).uncertainty;
    const b = spnConditional(membersOnly, query, evidence).uncertainty;
    if (!a || !b || b.std === 0) continue;
    stdRatio.push(a.std / b.std);
    widthRatio.push((a.interval95[1] - a.interval95[0]) / (b.interval95[1] - b.interval95[0]));
    stdServed.push(a.std);
    stdMembers.push(b.std);
  }
  const median = (x: number[]): number => {
    const s = [...x].sort((u, v) => u - v);
    return Number(s[Math.floor(s.length / 2)]!.toPrecision(3));
  };
  return {
    queries: stdRatio.length,
    medianStdRatio: median(stdRatio),
    medianInterval95WidthRatio: median(widthRatio),
    medianStdServed: median(stdServed),
    medianStdMembersOnly: median(stdMembers),
  };
}
