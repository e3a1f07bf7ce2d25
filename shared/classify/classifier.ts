import { InvalidInputError, ModelUnavailableError } from "../errors.ts";
import type { OnnxSession, OnnxTensor } from "../onnx/types.ts";
import { uncertaintyScores } from "../uncertainty/scores.ts";
import { shouldAbstain } from "./abstain.ts";
import {
  CalibrationSchema,
  type AbstainRule,
  type Calibration,
  type ClassifierConfig,
  type ParsedCalibration,
} from "./artifact-schema.ts";
import { calibratedLogProbsInto, compileCalibrator, logMeanInto, type Calibrator } from "./calibrator.ts";
import { labelScoresInto, predictionSet } from "./conformal.ts";
import { memberLogitsInto, type CompiledHead } from "./head.ts";
import type { ClassifyResult, Prediction, ServedRow } from "./classify-result.ts";
import { buildFeeds, type ClassifyInput } from "./inputs.ts";
import { preprocessInput } from "./preprocess-input.ts";
import type { TextTokenizer } from "./text-tokenizer.ts";

export type { ClassifyResult, ConformalInfo, Prediction, ServedRow } from "./classify-result.ts";

export interface ClassifierParts {
  name: string;
  version: string;
  labels: readonly string[];
  config: ClassifierConfig;
  calibration: Calibration;
  session: OnnxSession;
  /** The head posterior; without one the ONNX logits are the single member (epistemic = 0). */
  head?: CompiledHead;
  /** head.json's `method`, for the model's description. */
  headMethod?: string;
  tokenizer?: TextTokenizer;
}

/**
 * A classifier compiled once per isolate: one ONNX session, the temperature, the head
 * posterior. Per request: one backbone pass, then M temperature-scaled member distributions
 * softmax(z_m / T) (Guo et al. 2017), whose mean is the served `probs` and whose spread gives
 * the total / aleatoric / epistemic decomposition (Futami et al., arXiv 2206.01606).
 */
export class Classifier {
  readonly members: number;
  readonly calibrator: Calibrator;
  /** calibration.json with its defaults filled in. */
  readonly calibration: ParsedCalibration;

  constructor(readonly parts: ClassifierParts) {
    this.members = parts.head?.members ?? 1;
    this.calibration = CalibrationSchema.parse(parts.calibration);
    this.calibrator = compileCalibrator(this.calibration, parts.labels.length);
  }

  get defaultRule(): AbstainRule {
    const { metric, threshold } = this.calibration.abstain;
    return { metric, threshold };
  }

  /** The α values with stored conformal quantiles (empty when the model has none). */
  get alphas(): number[] {
    return this.calibration.conformal?.sets.map((s) => s.alpha) ?? [];
  }

  /** The default α: the largest stored (the smallest sets). */
  get defaultAlpha(): number | undefined {
    return this.alphas.length ? Math.max(...this.alphas) : undefined;
  }

  /**
   * Runs the backbone and the head once and returns every row as served, in log space: what
   * classify() answers from and what the conformal and abstention tests recompute on.
   */
  async serve(input: ClassifyInput): Promise<ServedRow[]> {
    return (await this.#serve(input)).rows;
  }

  async classify(
    input: ClassifyInput,
    rule: AbstainRule = this.defaultRule,
    alpha: number | undefined = this.defaultAlpha,
  ): Promise<ClassifyResult> {
    const { name, version, labels } = this.parts;
    const calibration = this.calibration;
    const conformal = calibration.conformal;
    const stored = alpha === undefined ? undefined : conformal?.sets.find((s) => Math.abs(s.alpha - alpha) < 1e-12);
    if (alpha !== undefined && !stored) {
      const has = this.alphas.length ? `it stores α = ${this.alphas.join(", ")}` : "it stores no conformal sets";
      throw new InvalidInputError("/alpha", `model ${name} has no conformal quantile for α = ${alpha}; ${has}`);
    }
    const { rows } = await this.#serve(input);
    const classes = labels.length;
    const probs = new Float64Array(this.members * classes);
    const labelScores = new Float64Array(classes);
    const predictions = rows.map(({ memberLogProbs, logMean }): Prediction => {
      for (let j = 0; j < probs.length; j++) probs[j] = Math.exp(memberLogProbs[j]!);
      const s = uncertaintyScores(probs, this.members, classes);
      const maxProb = s.mean[s.predicted]!;
      const prediction: Prediction = {
        label: labels[s.predicted]!,
        probs: Object.fromEntries(labels.map((l, c) => [l, s.mean[c]!])),
        uncertainty: {
          total: s.total,
          aleatoric: s.aleatoric,
          epistemic: s.epistemic,
          variance: s.variance,
          excessRisk: s.excessRisk,
        },
        abstain: shouldAbstain(rule, { epistemic: s.epistemic, total: s.total, maxProb, excessRisk: s.excessRisk }),
      };
      if (stored && conformal) {
        labelScoresInto(conformal, logMean, classes, labelScores);
        prediction.set = predictionSet(stored.thresholds, labelScores, classes).map((c) => labels[c]!);
      }
      return prediction;
    });
    const isDefault = rule.metric === calibration.abstain.metric && rule.threshold === calibration.abstain.threshold;
    const guarantee =
      isDefault && calibration.abstain.delta !== undefined
        ? { delta: calibration.abstain.delta, targetAccuracy: calibration.abstain.targetAccuracy }
        : {};
    return {
      predictions,
      model: {
        name,
        version,
        temperature: calibration.temperature,
        calibrator: calibration.method,
        members: this.members,
        abstain: { ...rule, ...guarantee },
        ...(stored && conformal
          ? {
              conformal: {
                alpha: stored.alpha,
                score: conformal.score,
                mondrian: conformal.mondrian,
                available: this.alphas,
              },
            }
          : {}),
      },
    };
  }

  async #serve(input: ClassifyInput): Promise<{ rows: ServedRow[] }> {
    const { name, config, labels, head } = this.parts;
    const { feeds, rows, pointer } = buildFeeds(name, config, this.parts.tokenizer, preprocessInput(config, input));
    const outputs = await this.#run(feeds);
    const source = head ? outputs[config.outputs.features!]! : outputs[config.outputs.logits]!;
    const width = head ? head.features : labels.length;
    if (source.dims.length !== 2 || source.dims[0] !== rows || source.dims[1] !== width) {
      throw new ModelUnavailableError(
        name,
        `ONNX output has shape [${source.dims.join(", ")}], expected [${rows}, ${width}]`,
      );
    }
    const classes = labels.length;
    const logits = new Float64Array(this.members * classes);
    const scratch = new Float64Array(classes);
    const out: ServedRow[] = [];
    for (let r = 0; r < rows; r++) {
      // float32 arithmetic overflows for extreme inputs; say so instead of returning NaN.
      for (let j = r * width; j < (r + 1) * width; j++) {
        if (!Number.isFinite(source.data[j]))
          throw new InvalidInputError(
            pointer(r),
            "the model's output is not finite for this input (values too large for float32 arithmetic)",
          );
      }
      if (head) memberLogitsInto(head, source.data as Float32Array, r * width, logits, 0);
      else for (let c = 0; c < classes; c++) logits[c] = source.data[r * width + c] as number;
      const memberLogProbs = new Float64Array(this.members * classes);
      calibratedLogProbsInto(this.calibrator, logits, 0, this.members, memberLogProbs, 0, scratch);
      const logMean = new Float64Array(classes);
      logMeanInto(memberLogProbs, this.members, classes, logMean);
      out.push({ memberLogProbs, logMean });
    }
    return { rows: out };
  }

  /** A runtime failure is this model's problem (503), not the caller's and not other models'. */
  async #run(feeds: Record<string, OnnxTensor>): Promise<Record<string, OnnxTensor>> {
    try {
      return await this.parts.session.run(feeds);
    } catch (e) {
      throw new ModelUnavailableError(this.parts.name, `ONNX Runtime failed: ${(e as Error).message ?? String(e)}`);
    }
  }
}
