import type { BinaryData } from "./dataset.ts";
import { train, type TrainProgress, type TrainResult } from "./train.ts";
import type { TrainOptions } from "./train-options.ts";

/**
 * Runs `o.chains` independent chains over the same region graph and priors (chain 0 is exactly the
 * single-chain run of the same seed; chain c > 0 starts from its own random trees, train.ts
 * chainSeed) and pools their members: chain c keeps the last ⌊S / C⌋ (+1 for the first S mod C
 * chains) snapshots. Consecutive snapshots of one chain share most of its trees, so one chain
 * understates how uncertain the trees are; members from independent starts are closer to
 * independent posterior draws (Gelman & Rubin 1992; Vehtari et al. 2021 on several chains). With a
 * budget each chain gets budget / C; in iteration mode each runs the full schedule (C times the cost).
 */
export function trainChains(
  input: BinaryData,
  valid: BinaryData | null,
  o: TrainOptions,
  onProgress?: (p: TrainProgress, chain: number) => void,
  scoreSets: readonly BinaryData[] = [],
): TrainResult {
  const C = Math.min(o.chains, o.members);
  if (C <= 1) return train(input, valid, o, onProgress && ((p) => onProgress(p, 0)), scoreSets);
  const runs: TrainResult[] = [];
  for (let c = 0; c < C; c++) {
    const members = Math.floor(o.members / C) + (c < o.members % C ? 1 : 0);
    const budgetS = o.budgetS === null ? null : o.budgetS / C;
    runs.push(train(input, valid, { ...o, members, budgetS }, onProgress && ((p) => onProgress(p, c)), scoreSets, c));
  }
  const first = runs[0]!;
  const proposed = runs.filter((r) => r.acceptance !== null);
  return {
    ...first, // graph, hyper, trace, state and the hybrid switch of chain 0
    members: runs.flatMap((r) => r.members),
    memberScores: scoreSets.map((_, i) => runs.flatMap((r) => r.memberScores[i]!)),
    sweeps: runs.reduce((a, r) => a + r.sweeps, 0),
    seconds: runs.reduce((a, r) => a + r.seconds, 0),
    acceptance: proposed.length === 0 ? null : proposed.reduce((a, r) => a + r.acceptance!, 0) / proposed.length,
  };
}
