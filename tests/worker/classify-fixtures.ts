import { expect } from "vitest";
import { modelFiles } from "./model-files.ts";
import type { Manifest } from "../../shared/artifacts/manifest.ts";
import type { Calibration, ClassifierConfig, Head } from "../../shared/classify/artifact-schema.ts";
import { classifierFiles, type ClassifierArtifact } from "../../trainers/model-add/classifier-files.ts";
import { textFixtureArtifact } from "../../trainers/classifier-demo/text-fixture.ts";
import goldenImport from "../unit/classify/golden/onnx-reference.json";
import { appWith, json } from "./fixtures.ts";

// The worker tsconfig types every .json as bytes (the models/ Data rule); outside models/ the
// pool hands over parsed JSON. Accept either.
export const golden = (
  goldenImport instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(goldenImport)) : goldenImport
) as Golden;
export interface Golden {
  tolerance: number;
  demo: { inputs: number[][]; onnx: Record<string, number[][]>; response: ClassifyBody };
  text: { texts: string[]; onnx: Record<string, number[][]>; response: ClassifyBody };
}
export interface PredictionBody {
  label: string;
  probs: Record<string, number>;
  uncertainty: { total: number; aleatoric: number; epistemic: number; variance: number; excessRisk: number };
  abstain: boolean;
}
export interface ClassifyBody {
  predictions: PredictionBody[];
  model: { name: string; temperature: number; members: number; abstain: { metric: string; threshold: number } };
}

export const DEMO = "http://api/v1/classify/demo-classifier";
export const TOL = golden.tolerance;
export const demoFiles = await modelFiles("demo-classifier");
export const parse = <T>(file: string): T => JSON.parse(new TextDecoder().decode(demoFiles[file]!)) as T;

export function expectClose(actual: unknown, expected: unknown, path = ""): void {
  if (typeof expected === "number")
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
  else if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}/${k}`);
  } else expect(actual, path).toEqual(expected);
}

/** The demo model's artifact with some parts replaced, as an in-memory model folder. */
export async function demoVariant(name: string, parts: Partial<ClassifierArtifact>) {
  const manifest = parse<Manifest>("manifest.json");
  const artifact: ClassifierArtifact = {
    name,
    version: manifest.version,
    description: "variant for tests",
    labels: manifest.labels!,
    onnx: new Uint8Array(demoFiles["model.onnx"]!),
    config: parse<ClassifierConfig>("classifier.json"),
    calibration: parse<Calibration>("calibration.json"),
    head: parse<Head>("head.json"),
    metrics: {},
    training: manifest.training,
    ...parts,
  };
  return classifierFiles({ ...artifact, name });
}

export const textApp = async () => appWith({ "text-fixture": await classifierFiles(textFixtureArtifact()) });
export const post = (body: unknown) => json(body);
