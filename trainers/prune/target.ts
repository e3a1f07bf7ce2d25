/**
 * What iterative magnitude pruning needs from a model: its trained tensors as flat arrays (the
 * prunable ones flagged), the rewind point, training under a mask, and the figures to report.
 * trainers/prune/spam-target.ts and detector-target.ts implement it over the shipped trainers.
 */
export interface PruneTarget {
  /** Every trained tensor, in a fixed order; only prunable ones are ever masked. */
  tensors: readonly { name: string; size: number; prunable: boolean }[];
  /** The weights training restarts from each round (the prior's centre in the bound). */
  rewindPoint: readonly Float32Array[];
  getWeights(): Float32Array[];
  setWeights(weights: readonly Float32Array[]): void;
  /** Trains from the current weights, holding masked entries at zero after every step. */
  train(masks: readonly Uint8Array[]): void;
  /** Test figures: `error` is the bounded loss of the bound (on test data), the rest for the table. */
  test(): { error: number; figures: Record<string, number> };
  /** The validation figure the exported model is chosen on (higher is better), and its name. */
  validation(): number;
  validationName: string;
  /** The bound's sample: independent of the rewind point, scored in equal chunks. */
  boundExamples: number;
  boundChunks: number;
  /** The loss (mean over the chunk, in [0, 1]) of the current weights on one chunk. */
  chunkError(chunk: number): number;
  /** Discrete choices that shaped the prior and saw the bound's sample (union bound). */
  priorChoices: number;
  /** Where the bound's sample comes from, for the report. */
  boundSample: string;
}
