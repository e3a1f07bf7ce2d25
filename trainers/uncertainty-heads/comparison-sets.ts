import { shippedSplit } from "../calibrate/shipped-splits.ts";
import { servedSets, testSplit } from "../spam-lpft/served-sets.ts";
import { shuffled } from "../spam-lpft/spam-data.ts";
import { isSendable, servedFeatures, type ServedModel } from "./served-features.ts";

/**
 * The e-mails of the comparison, raw as users send them, with their served features:
 * - the model's validation split (held out from training), cut by a seeded shuffle into a third,
 *   "fit", where every head is fitted, and two thirds, "calibrate", where each head's temperature is fitted
 *   and, when a head is served, its calibrator, conformal quantiles and abstention threshold —
 *   data the head has not seen, so the conformal and risk-control guarantees keep holding;
 * - "test": the in-distribution test split (OOD reference);
 * - each shifted group (spam-2, hard-ham-1, easy-ham-2, every raw file) cut by a seeded shuffle
 *   into a selection half (the score that is served is chosen there) and a test half (reported).
 */
export const SHIFTED = ["spam-2", "hard-ham-1", "easy-ham-2"] as const;
export type Shifted = (typeof SHIFTED)[number];

export interface FeatureSet {
  name: string;
  features: Float64Array;
  /** ONNX logits of the mean head (the Laplace fit recovers W, b from them). */
  logits: Float64Array;
  labels: Int32Array;
}

export interface ComparisonSets {
  fit: FeatureSet;
  calibrate: FeatureSet;
  /** The calibrate part's raw e-mails and labels, for recalibrating a served head. */
  calibrateRaw: { texts: string[]; labels: number[] };
  test: FeatureSet;
  select: Record<Shifted, FeatureSet>;
  report: Record<Shifted, FeatureSet>;
}

async function featureSet(
  m: ServedModel,
  name: string,
  texts: readonly string[],
  labels: ArrayLike<number>,
  keep?: readonly number[],
): Promise<FeatureSet> {
  const rows = (keep ?? texts.map((_, i) => i)).filter((i) => isSendable(m, texts[i]!));
  const { features, logits } = await servedFeatures(
    m,
    rows.map((i) => texts[i]!),
  );
  return { name, features, logits, labels: Int32Array.from(rows, (i) => labels[i]!) };
}

/** `limit` keeps the first examples of every set (a quick run); the halves are cut from what is kept. */
export async function comparisonSets(m: ServedModel, seed: number, limit = Infinity): Promise<ComparisonSets> {
  const facts = m.manifest.training as { seed: number; splitScheme?: string };
  const valid = shippedSplit(m.dir, "valid");
  const raw = servedSets(testSplit(facts.seed, facts.splitScheme), limit);
  const validTexts = valid.texts!.slice(0, limit);
  const validOrder = shuffled(
    seed + 100,
    validTexts.map((_, i) => i),
  );
  // Two thirds calibrate: a 99 % accuracy target at δ = 0.1 needs > 229 answered e-mails to be
  // certifiable at all (Clopper–Pearson with no error: 1 − 0.1^(1/n) <= 0.01).
  const cut = Math.round(validOrder.length / 3);
  const fit = await featureSet(m, "validation third (fit)", validTexts, valid.labels, validOrder.slice(0, cut));
  const calibrateRows = validOrder.slice(cut).filter((i) => isSendable(m, validTexts[i]!));
  const calibrate = await featureSet(m, "validation two thirds (calibrate)", validTexts, valid.labels, calibrateRows);
  const calibrateRaw = {
    texts: calibrateRows.map((i) => validTexts[i]!),
    labels: calibrateRows.map((i) => valid.labels[i]!),
  };
  const test = await featureSet(m, "test", raw.test.texts, raw.test.labels);
  const select = {} as Record<Shifted, FeatureSet>;
  const report = {} as Record<Shifted, FeatureSet>;
  for (const [k, g] of SHIFTED.entries()) {
    const order = shuffled(
      seed + 101 + k,
      raw[g].texts.map((_, i) => i),
    );
    const half = Math.floor(order.length / 2);
    select[g] = await featureSet(m, `${g} (selection half)`, raw[g].texts, raw[g].labels, order.slice(0, half));
    report[g] = await featureSet(m, `${g} (test half)`, raw[g].texts, raw[g].labels, order.slice(half));
  }
  return { fit, calibrate, calibrateRaw, test, select, report };
}
