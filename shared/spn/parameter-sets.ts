import type { CompiledMember, CompiledSpn } from "./compiled-spn.ts";
import { drawCache, drawsPerMember, hasPosteriors } from "./draw-cache.ts";
import { forgetMvnPatterns } from "./mvn-pattern.ts";
import { refreshWasmMember } from "./wasm/instance.ts";

export { drawsPerMember };

/**
 * Most (parameter sets x rows x (edges + leaf parameters)) the draws of one request may cost,
 * about 0.5 s of evaluation; above it R shrinks, and below one draw per member the spread falls
 * back to the S members (parameterUncertainty: false), whose passes the answer needs anyway.
 */
export const SPREAD_WORK_BUDGET = 2 ** 27;
/** Most answer values (sets x rows x outputs) kept at once for a spread: 2^21 doubles = 16 MiB. */
export const SPREAD_VALUE_BUDGET = 1 << 21;

/**
 * The parameter sets an answer's spread is taken over: S x R posterior draws when the artifact
 * carries posterior statistics (draw-cache.ts; each is loaded into one reused member, evaluated and
 * overwritten), else the S posterior-mean members.
 * `fn(spn, memberIndex, set, member)` evaluates set `set`, which belongs to posterior member `member`.
 */
export interface ParameterSets {
  readonly count: number;
  readonly parameterUncertainty: boolean;
  forEach(fn: (spn: CompiledSpn, memberIndex: number, set: number, member: number) => void): void;
}

/** The S members themselves (no draws). */
export function memberSets(spn: CompiledSpn): ParameterSets {
  return {
    count: spn.members.length,
    parameterUncertainty: false,
    forEach: (fn) => spn.members.forEach((_, s) => fn(spn, s, s, s)),
  };
}

/**
 * S x R posterior draws for a request of `rows` rows when the artifact has posterior statistics
 * and the work budget allows R >= 1; null otherwise (the caller keeps the members' spread).
 */
export function drawSets(spn: CompiledSpn, rows: number): ParameterSets | null {
  const S = spn.members.length;
  const perSet = rows * (spn.edgeCount + spn.members[0]!.leafLogParams.length);
  const R = Math.min(drawsPerMember(spn), Math.floor(SPREAD_WORK_BUDGET / (S * perSet)));
  if (!hasPosteriors(spn) || R < 1) return null;
  const cache = drawCache(spn);
  return {
    count: S * R,
    parameterUncertainty: true,
    forEach: (fn) => {
      const view = drawView(spn);
      for (let s = 0; s < S; s++) {
        for (let r = 0; r < R; r++) {
          cache.load(s * cache.R + r, view.members[0]!);
          refreshWasmMember(view, 0);
          forgetMvnPatterns(view.members[0]!); // its mvn factors belong to the previous set
          fn(view, 0, s * R + r, s);
        }
      }
    },
  };
}

/**
 * A per-model view of the structure whose only member is a reused workspace the draws overwrite
 * (made once per isolate; scratch buffers are keyed by the view, apart from the model's own).
 */
const views = new WeakMap<CompiledSpn, CompiledSpn>();
function drawView(spn: CompiledSpn): CompiledSpn {
  let view = views.get(spn);
  if (view === undefined) {
    const member: CompiledMember = {
      logWeights: new Float64Array(spn.edgeCount), // product edges stay 0
      leafLogParams: new Float64Array(spn.members[0]!.leafLogParams.length),
    };
    view = { ...spn, members: [member] };
    views.set(spn, view);
  }
  return view;
}
