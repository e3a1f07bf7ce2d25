import type { DetectorCheckpoint } from "./checkpoint.ts";

/** Placeholder until the ONNX export lands: the checkpoint is kept; rerun with --resume. */
export async function exportDetector(c: DetectorCheckpoint, out: string, docs: string): Promise<void> {
  console.log(JSON.stringify(c.runs.map((r) => ({ curriculum: r.curriculum, seed: r.seed, valid: r.validFauc, test: r.test.fauc, moderate: r.testModerate.fauc, sens1: r.test.sensitivityAt1, cleanFp: r.cleanFpPerImage }))));
  console.log(`export to ${out} and ${docs} not written yet`);
}
