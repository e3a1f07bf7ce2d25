import { softmaxInto } from "../calibration/softmax.ts";
import { InvalidInputError, ModelUnavailableError } from "../errors.ts";
import type { OnnxSession, OnnxTensor } from "../onnx/types.ts";
import { uncertaintyScores } from "../uncertainty/scores.ts";
import { shouldAbstain } from "./abstain.ts";
import type { AbstainRule, Calibration, ClassifierConfig } from "./artifact-schema.ts";
import { memberProbabilities, type CompiledHead } from "./head.ts";
import { buildFeeds, type ClassifyInput } from "./inputs.ts";
import { preprocessInput } from "./preprocess-input.ts";
import type { TextTokenizer } from "./text-tokenizer.ts";

export interface Prediction {
  label: string;
  probs: Record<string, number>;
  uncertainty: { total: number; aleatoric: number; epistemic: number; variance: number };
  abstain: boolean;
}

export interface ClassifyResult {
  predictions: Prediction[];
  model: { name: string; version: string; temperature: number; members: number; abstain: AbstainRule };
}

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
  readonly beta: number;

  constructor(readonly parts: ClassifierParts) {
    this.members = parts.head?.members ?? 1;
    this.beta = 1 / parts.calibration.temperature;
  }

  get defaultRule(): AbstainRule {
    const { metric, threshold } = this.parts.calibration.abstain;
    return { metric, threshold };
  }

  async classify(input: ClassifyInput, rule: AbstainRule = this.defaultRule): Promise<ClassifyResult> {
    const { name, version, config, calibration, labels, head } = this.parts;
    const { feeds, rows, pointer } = buildFeeds(name, config, this.parts.tokenizer, preprocessInput(config, input));
    const outputs = await this.#run(feeds);
    const source = head ? outputs[config.outputs.features!]! : outputs[config.outputs.logits]!;
    const width = head ? head.features : labels.length;
    if (source.dims.length !== 2 || source.dims[0] !== rows || source.dims[1] !== width) {
      throw new ModelUnavailableError(name, `ONNX output has shape [${source.dims.join(", ")}], expected [${rows}, ${width}]`);
    }
    const classes = labels.length;
    const probs = new Float64Array(this.members * classes);
    const predictions: Prediction[] = [];
    for (let r = 0; r < rows; r++) {
      // float32 arithmetic overflows for extreme inputs; say so instead of returning NaN.
      for (let j = r * width; j < (r + 1) * width; j++) {
        if (!Number.isFinite(source.data[j])) throw new InvalidInputError(pointer(r), "the model's output is not finite for this input (values too large for float32 arithmetic)");
      }
      if (head) memberProbabilities(head, source.data as Float32Array, r * width, this.beta, probs);
      else softmaxInto(source.data as Float32Array, r * width, classes, this.beta, probs, 0);
      const s = uncertaintyScores(probs, this.members, classes);
      const maxProb = s.mean[s.predicted]!;
      predictions.push({
        label: labels[s.predicted]!,
        probs: Object.fromEntries(labels.map((l, c) => [l, s.mean[c]!])),
        uncertainty: { total: s.total, aleatoric: s.aleatoric, epistemic: s.epistemic, variance: s.variance },
        abstain: shouldAbstain(rule, { epistemic: s.epistemic, total: s.total, maxProb }),
      });
    }
    return { predictions, model: { name, version, temperature: calibration.temperature, members: this.members, abstain: rule } };
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
