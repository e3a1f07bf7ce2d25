import type { LoadedModel } from "./artifacts/registry.ts";
import type { Manifest } from "./artifacts/manifest.ts";
import type { Classifier } from "./classify/classifier.ts";
import type { LesionDetector } from "./lesion-detect/detector.ts";
import type { SpnModel } from "./spn/load.ts";

/**
 * What a caller needs to use a model correctly, from its verified manifest and compiled form:
 * what it takes (text through which tokenizer and pipeline, or numbers of which shape, or an
 * SPN's variables), what it answers (labels), how its probabilities were calibrated, its
 * metrics (the manifest's, including the served-path figures a trainer or eval recorded) and a
 * model card (description, intended use, limitations, how it was trained).
 */
export type ModelInput =
  | { kind: "text"; maxTokens: number; tokenizer: { type: string; vocabSize: number }; preprocess: string[] }
  | { kind: "numeric"; shape: (number | null)[]; dtype: string }
  | { kind: "variables"; variables: { name: string; type: string; states: string[] }[] }
  | { kind: "image"; side: number; formats: string[] };

export interface ModelInfo {
  name: string;
  kind: Manifest["kind"];
  version: string;
  labels?: string[];
  input: ModelInput;
  calibration?: Classifier["calibration"];
  uncertainty: { members: number; method: string };
  metrics: Manifest["metrics"];
  card: { description: string; intendedUse?: string; limitations?: string[]; training: Manifest["training"] };
  /** The operations that use this model. */
  endpoints: string[];
}

export function describeModel({ manifest, compiled }: LoadedModel): ModelInfo {
  const { intendedUse, limitations } = manifest.card ?? {};
  const card: ModelInfo["card"] = {
    description: manifest.description,
    ...(intendedUse ? { intendedUse } : {}),
    ...(limitations ? { limitations } : {}),
    training: manifest.training,
  };
  const common = {
    name: manifest.name,
    kind: manifest.kind,
    version: manifest.version,
    metrics: manifest.metrics,
    card,
  };
  if (manifest.kind === "spn") {
    const spn = compiled as SpnModel;
    return {
      ...common,
      input: {
        kind: "variables",
        variables: spn.variables.map(({ name, type, states }) => ({ name, type, states: [...states] })),
      },
      uncertainty: {
        members: spn.memberCount,
        method: spn.memberCount > 1 ? "Bayesian posterior members" : "none (one SPN)",
      },
      endpoints: ["logprob", "conditional", "marginals", "mpe", "sample"]
        .map((op) => `POST /v1/spn/${manifest.name}/${op}`)
        .concat(`GET /v1/spn/${manifest.name}`),
    };
  }
  if (manifest.kind === "lesion-detector") {
    const { config } = compiled as LesionDetector;
    return {
      ...common,
      input: { kind: "image", side: config.inputSide, formats: ["image/png", "application/dicom"] },
      uncertainty: {
        members: config.members.length,
        method: "deep ensemble (one network per training seed): per-box spread of the members' peaks",
      },
      endpoints: ["POST /v1/lesions/detect"],
    };
  }
  const { config, labels, head, headMethod, tokenizer } = (compiled as Classifier).parts;
  const calibration = (compiled as Classifier).calibration;
  const input: ModelInput =
    config.input.kind === "text"
      ? {
          kind: "text",
          maxTokens: config.input.maxTokens,
          tokenizer: { type: tokenizer?.type ?? "unknown", vocabSize: tokenizer?.vocabSize ?? 0 },
          preprocess: [...(config.input.preprocess ?? [])],
        }
      : { kind: "numeric", shape: [...config.input.dims], dtype: config.input.dtype };
  return {
    ...common,
    labels: [...labels],
    input,
    calibration,
    uncertainty: {
      members: head?.members ?? 1,
      method: head ? (headMethod ?? "head posterior") : "none (one member: epistemic uncertainty is 0)",
    },
    endpoints: [`POST /v1/classify/${manifest.name}`],
  };
}
