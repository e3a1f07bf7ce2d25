import type { CompiledPosterior } from "./posterior.ts";

/** Node kind codes in CompiledSpn.kind; the leaf codes say how a leaf is evaluated. */
export const KIND_DISCRETE_LEAF = 0;
export const KIND_GAUSSIAN_LEAF = 1;
export const KIND_PRODUCT = 2;
export const KIND_SUM = 3;
/** A multivariate Gaussian over several gaussian variables (mvn-leaf.ts); JS evaluator only. */
export const KIND_MVN_LEAF = 4;

/** Compiled leaf parameter slots for a gaussian: [mean, std, 1 / std, log normaliser]. */
export const GAUSSIAN_SLOTS = 4;

export type VariableType = "bernoulli" | "categorical" | "gaussian";

export interface SpnVariable {
  readonly name: string;
  readonly type: VariableType;
  /** State names in index order; empty for gaussian. */
  readonly states: readonly string[];
}

/**
 * One member's parameters in the compiled layout. `logWeights` is indexed by edge (CSR position),
 * 0 on product edges, so the hot loops need no second index. `leafLogParams` holds, from each
 * leaf's `leafParamStart`: K log-probabilities (a bernoulli is a 2-state categorical) or the
 * GAUSSIAN_SLOTS gaussian slots.
 */
export interface CompiledMember {
  readonly logWeights: Float64Array;
  readonly leafLogParams: Float64Array;
}

/**
 * A validated SPN flattened to typed arrays in topological order (children before parents, the
 * root last). Built once per model per isolate by compileSpn and shared by every request.
 */
export interface CompiledSpn {
  readonly variables: readonly SpnVariable[];
  readonly variableIndex: ReadonlyMap<string, number>;
  /** Number of states per variable; 0 for gaussian. */
  readonly stateCount: Int32Array;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly root: number;
  readonly kind: Uint8Array;
  /** CSR: the children of node n are childIndex[childStart[n] .. childStart[n + 1]). */
  readonly childStart: Int32Array;
  readonly childIndex: Int32Array;
  readonly maxFanIn: number;
  /** Variable of each leaf; -1 for internal nodes. */
  readonly leafVariable: Int32Array;
  /** Offset of each leaf's parameters in CompiledMember.leafLogParams; -1 for internal nodes. */
  readonly leafParamStart: Int32Array;
  /** CSR from variable to its leaves (an mvn leaf under each of its variables): variableLeaves[variableLeafStart[v] .. variableLeafStart[v+1]). */
  readonly variableLeafStart: Int32Array;
  readonly variableLeaves: Int32Array;
  readonly members: readonly CompiledMember[];
  /**
   * True when every sum node is deterministic by a sufficient check (selectivity.ts), so that
   * max-product MPE is exact (Peharz et al. 2017). False means "not proven", not "not selective".
   */
  readonly selective: boolean;
  /**
   * Per member, the conjugate posterior its parameters are drawn from (posterior.ts), when the
   * artifact carries `posterior` for every member; null for older artifacts.
   */
  readonly posteriors?: readonly CompiledPosterior[] | null;
  /** The multivariate Gaussian leaves' layout (mvn-compile.ts), or null/absent when there are none. */
  readonly mvn?: CompiledMvn | null;
}

/**
 * Layout of the mvn leaves. Leaf j (mvnOrdinal[node]) covers p[j] variables mvnVars[varStart[j] ..];
 * its parameters sit from leafParamStart[node]: the mean (p), the covariance's lower Cholesky
 * factor packed row by row (p (p + 1) / 2), then two slots (0 in a member; kappa_n and nu_n in a
 * posterior). `position[i]` is, for variableLeaves[i], the variable's index within its mvn leaf (-1
 * for a univariate leaf).
 */
export interface CompiledMvn {
  readonly ordinal: Int32Array;
  readonly p: Int32Array;
  readonly varStart: Int32Array;
  readonly vars: Int32Array;
  readonly position: Int32Array;
  readonly maxP: number;
  /** The distinct variables of the mvn leaves, ascending (what a chunk's missing pattern is checked on). */
  readonly variables: Int32Array;
}

/** Parameter slots of an mvn leaf over p variables. */
export const mvnSlots = (p: number): number => p + (p * (p + 1)) / 2 + 2;
