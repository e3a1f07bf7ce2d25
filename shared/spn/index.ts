/**
 * Sum-product networks: load an spn.json artifact once per isolate (loadSpn), then answer exact
 * queries by variable name (queries.ts). Plain TypeScript and Web-standard APIs only: runs in
 * Node and in workerd. The lower layers (compiled arrays, member-level passes) are exported for
 * trainers, tests and benchmarks.
 */
export { type SpnModel, loadSpn } from "./load.ts";
export {
  type Assignment,
  type ConditionalAnswer,
  type LogProbAnswer,
  type MarginalAnswer,
  type MarginalsAnswer,
  type MpeAnswer,
  spnConditional,
  spnLogProb,
  spnMarginals,
  spnMpe,
  spnSample,
} from "./queries.ts";
export { spnConditionalBatch, spnMarginalsBatch, spnMpeBatch } from "./queries-batch.ts";
export { MAX_BATCH_ROWS, MAX_SAMPLES } from "./caps.ts";
export { SPN_FORMAT_VERSION, type SpnArtifact, SpnArtifactSchema } from "./artifact-schema.ts";
export type { CompiledSpn, SpnVariable, VariableType } from "./compiled-spn.ts";
export { compileSpn } from "./compile.ts";
export { validateSpn } from "./validate.ts";
export * from "./errors.ts";
export {
  type EvidenceBatch,
  emptyRow,
  singleRow,
  parseEvidenceBatch,
  parseEvidenceRow,
  parseQueryAndEvidence,
} from "./evidence.ts";
export { logProbBatch, logProbBatchJs, logProbRow } from "./log-prob.ts";
export { type SpnBackend, setSpnBackend, spnWasmFailure, spnWasmModule, useSpnWasmModule } from "./wasm/module.ts";
export { wasmSpn } from "./wasm/instance.ts";
export { conditional } from "./conditional.ts";
export { marginals, type VariableMarginal } from "./marginals.ts";
export { type MarginalSlots, marginalSlotLayout, marginalSlotsBatch } from "./marginal-slots.ts";
export { flowPass, rowFlows } from "./downward.ts";
export { mpe, type MpeResult } from "./mpe.ts";
export { sample } from "./sample.ts";
export * from "./ensemble.ts";
export type { Uncertainty } from "./spread.ts";
export { weightedQuantile, weightedSpread } from "./weighted-spread.ts";
export { drawSets, drawsPerMember, memberSets, type ParameterSets } from "./parameter-sets.ts";
export { type CompiledPosterior, drawParameters } from "./posterior.ts";
