import { calibrateMethod, concatSets, type SetLogits } from "./calibration-eval.ts";
import { cloneEncoder, disposeEncoder, parameterCount, type EncoderWeights } from "./encoder.ts";
import { EVAL_SETS, type Experiment, type MethodResult, type Split } from "./experiment.ts";
import { extractFeatures, frobenius, headLogits, type Encoded } from "./features.ts";
import { fineTune, randomHead, type FineTuned } from "./fine-tune.ts";
import { linearProbe } from "./linear-probe.ts";
import type { SpamOptions } from "./options.ts";

type Heldout = Exclude<Split, "train">;
type Head = { v: Float64Array; b: Float64Array };

function featuresOf(
  w: EncoderWeights,
  sets: Partial<Record<Split, Encoded>>,
  tag: string,
): Partial<Record<Split, Float64Array>> {
  return Object.fromEntries(Object.entries(sets).map(([k, e]) => [k, extractFeatures(w, e, `${tag} ${k}`)]));
}

/** Mean relative change of each row's feature vector, ||a_i - b_i|| / ||b_i||. */
function relativeChange(a: Float64Array, b: Float64Array, dim: number): number {
  let s = 0;
  const n = a.length / dim;
  for (let i = 0; i < n; i++) {
    const row = (x: Float64Array) => x.subarray(i * dim, (i + 1) * dim);
    s += frobenius(row(a).map((x, j) => x - b[i * dim + j]!)) / frobenius(row(b));
  }
  return s / n;
}

/**
 * LP, FT and LP-FT from the same pretrained encoder `pre` (Kumar et al. 2022; Tomihari & Sato 2024,
 * arXiv 2405.16747), each temperature-scaled on validation and evaluated on EVAL_SETS. Disposes
 * `pre`; the LP-FT encoder is returned in the experiment for export.
 */
export function runLpFtMethods(
  o: SpamOptions,
  pre: EncoderWeights,
  sets: Record<Split, Encoded>,
): Pick<Experiment, "parameters" | "headNormInit" | "lpL2" | "methods" | "encoder" | "features" | "labels"> {
  const preF = featuresOf(pre, sets, "pretrained") as Record<Split, Float64Array>;
  const labels = Object.fromEntries(Object.entries(sets).map(([k, e]) => [k, e.labels])) as Record<Split, Int32Array>;
  const lp = linearProbe({ x: preF.train, y: labels.train }, { x: preF.valid, y: labels.valid });
  const init = randomHead(o.ftSeed + 1, 2, o.dim);
  const evaluate = (
    name: MethodResult["name"],
    head: Head,
    f: Record<Heldout, Float64Array>,
    extra?: FineTuned,
  ): MethodResult => {
    const logitsOf = (k: Heldout): SetLogits => ({ logits: headLogits(f[k], head.v, head.b, 2), labels: labels[k] });
    const evalSets: Record<string, SetLogits> = Object.fromEntries(EVAL_SETS.map((k) => [k, logitsOf(k)]));
    evalSets["easy-ham-2+spam-2"] = concatSets(evalSets["easy-ham-2"]!, evalSets["spam-2"]!);
    const { v: _v, b: _b, ...ft } = extra ?? ({} as FineTuned);
    return {
      name,
      head,
      headNorm: frobenius(head.v),
      calibration: calibrateMethod(logitsOf("valid"), evalSets),
      featureChange: relativeChange(f.test, preF.test, o.dim),
      ...(extra ? { fineTune: ft } : {}),
    };
  };
  const methods: MethodResult[] = [evaluate("LP", lp, preF)];
  const ftOptions = { epochs: o.ftEpochs, batch: o.ftBatch, rate: o.ftRate, seed: o.ftSeed };
  const ftEncoder = cloneEncoder(pre, "ft");
  const ft = fineTune(ftEncoder, init, sets.train, sets.valid, { ...ftOptions, label: "FT" });
  const { train: _t, ...heldout } = sets;
  methods.push(evaluate("FT", ft, featuresOf(ftEncoder, heldout, "FT") as Record<Heldout, Float64Array>, ft));
  disposeEncoder(ftEncoder);
  const lpftEncoder = cloneEncoder(pre, "lpft");
  const lpft = fineTune(lpftEncoder, lp, sets.train, sets.valid, { ...ftOptions, label: "LP-FT" });
  const lpftF = featuresOf(lpftEncoder, sets, "LP-FT") as Record<Split, Float64Array>;
  methods.push(evaluate("LP-FT", lpft, lpftF, lpft));
  disposeEncoder(pre);
  return {
    parameters: parameterCount(lpftEncoder),
    headNormInit: frobenius(init.v),
    lpL2: lp.l2,
    methods,
    encoder: lpftEncoder,
    features: lpftF,
    labels,
  };
}
