import { createRng } from "../numeric/rng.ts";
import { type CompiledMember, type CompiledSpn, KIND_SUM } from "./compiled-spn.ts";
import { drawParameters } from "./posterior.ts";

/**
 * Bytes of posterior parameter draws kept per model (float32): 8 MiB. A deployed isolate has 128 MB
 * for every model at once, so R (draws per member) is what fits: R = floor(budget / (S x bytes per
 * set)), at most ceil(DRAWS_TARGET / S). Float32 log-parameters (about 1e-7 relative) are ample
 * for a spread and round identically in Node and workerd.
 */
export const DRAW_CACHE_BYTES = 8 * 1024 * 1024;
/** S x R aimed at: 128 sets put the 2.5% and 97.5% quantiles about 3 sets from the ends. */
export const DRAWS_TARGET = 128;

/**
 * S x R parameter sets drawn once per model per isolate (lazily, at the first answer that needs a
 * spread), stored compactly: the log-weights of sum edges only, and the leaf log-parameters.
 * Draw r of member s uses its own seeded generator, so the sets never depend on request order.
 */
export interface DrawCache {
  readonly R: number;
  /** Bytes held by the cached sets. */
  readonly bytes: number;
  /** Set i = s * R + r into `member` (a reused workspace whose product-edge log-weights are 0). */
  load(set: number, member: CompiledMember): void;
}

/**
 * Whether the artifact carries posterior statistics: spn.posteriors, or a draw cache built from
 * them (which drops them: see buildCache).
 */
export function hasPosteriors(spn: CompiledSpn): boolean {
  return caches.has(spn) || (spn.posteriors ?? null) !== null;
}

export function drawsPerMember(spn: CompiledSpn): number {
  if (!hasPosteriors(spn)) return 0;
  const S = spn.members.length;
  const bytesPerSet = 4 * (sumEdges(spn).length + spn.members[0]!.leafLogParams.length);
  return Math.min(Math.ceil(DRAWS_TARGET / S), Math.floor(DRAW_CACHE_BYTES / (S * bytesPerSet)));
}

const caches = new WeakMap<CompiledSpn, DrawCache>();

export function drawCache(spn: CompiledSpn): DrawCache {
  let cache = caches.get(spn);
  if (cache === undefined) {
    cache = buildCache(spn);
    caches.set(spn, cache);
  }
  return cache;
}

function buildCache(spn: CompiledSpn): DrawCache {
  const S = spn.members.length;
  const R = drawsPerMember(spn);
  const edges = sumEdges(spn);
  const E = edges.length;
  const P = spn.members[0]!.leafLogParams.length;
  const weights = new Float32Array(S * R * E);
  const params = new Float32Array(S * R * P);
  const work: CompiledMember = { logWeights: new Float64Array(spn.edgeCount), leafLogParams: new Float64Array(P) };
  for (let s = 0; s < S; s++) {
    for (let r = 0; r < R; r++) {
      const set = s * R + r;
      drawParameters(createRng(drawSeed(s, r)), spn, spn.posteriors![s]!, work);
      for (let i = 0; i < E; i++) weights[set * E + i] = work.logWeights[edges[i]!]!;
      params.set(work.leafLogParams, set * P);
    }
  }
  // Every draw the isolate will make is now in the cache: the compiled posteriors (as large as the
  // members, 7 MB on the mvn wdbc) are never read again, so they stop counting against 128 MB.
  (spn as { posteriors?: CompiledSpn["posteriors"] }).posteriors = null;
  return {
    R,
    bytes: weights.byteLength + params.byteLength,
    load(set, member) {
      for (let i = 0; i < E; i++) member.logWeights[edges[i]!] = weights[set * E + i]!;
      member.leafLogParams.set(params.subarray(set * P, (set + 1) * P));
    },
  };
}

/** CSR positions of the edges out of sum nodes (the only edges with weights). */
function sumEdges(spn: CompiledSpn): Int32Array {
  const out: number[] = [];
  for (let n = 0; n < spn.nodeCount; n++) {
    if (spn.kind[n] === KIND_SUM) for (let e = spn.childStart[n]!; e < spn.childStart[n + 1]!; e++) out.push(e);
  }
  return Int32Array.from(out);
}

/** Seed of draw r of member s: fixed, so answers are deterministic and need no request seed. */
function drawSeed(s: number, r: number): number {
  return (Math.imul(s + 1, 0x9e3779b1) ^ Math.imul(r + 1, 0x85ebca6b)) >>> 0;
}
