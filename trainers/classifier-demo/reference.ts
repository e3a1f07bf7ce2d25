import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import { memorySource, ModelRegistry } from "../../shared/artifacts/registry.ts";
import type { Classifier } from "../../shared/classify/classifier.ts";
import { buildFeeds, type ClassifyInput } from "../../shared/classify/inputs.ts";
import { classifierLoader } from "../../shared/classify/loader.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { directorySource } from "../../shared/node/model-source.ts";
import { createNodeSession } from "../../shared/node/onnx-session.ts";
import { classifierFiles } from "../model-add/classifier-files.ts";
import { DIM, mixtureMeans, sampleMixture, SHIFT_SCALE } from "./dataset.ts";
import { TEXT_FIXTURE_TEXTS, textFixtureArtifact } from "./text-fixture.ts";

/**
 * Golden vectors for the workerd tests: raw ONNX outputs and full /v1/classify responses,
 * computed with onnxruntime-node (native) so that ONNX Runtime Web in workerd is checked
 * against an independent runtime. tests/unit/classify/reference.test.ts recomputes them.
 */
export const REFERENCE_PATH = "tests/unit/classify/golden/onnx-reference.json";
export const REFERENCE_TOLERANCE = 1e-5;

const loader = classifierLoader(createNodeSession);

/** Demo inputs: five mixture draws (seed 99), one far-shifted row, and the origin. */
export function demoInputs(): number[][] {
  const rng = createRng(7);
  const data = sampleMixture(createRng(99), mixtureMeans(rng), 5);
  const rows = Array.from({ length: 5 }, (_, i) =>
    Array.from(data.x.subarray(i * DIM, (i + 1) * DIM), (v) => Math.fround(v)),
  );
  return [...rows, rows[0]!.map((v) => Math.fround(v * SHIFT_SCALE)), new Array<number>(DIM).fill(0)];
}

async function outputsOf(classifier: Classifier, input: ClassifyInput) {
  const { feeds } = buildFeeds(classifier.parts.name, classifier.parts.config, classifier.parts.tokenizer, input);
  const raw = await classifier.parts.session.run(feeds);
  const rows = (name: string) => {
    const t = raw[name]!;
    const width = t.dims[1]!;
    return Array.from({ length: t.dims[0]! }, (_, r) =>
      Array.from(t.data.subarray(r * width, (r + 1) * width) as Float32Array),
    );
  };
  return Object.fromEntries(classifier.parts.session.outputs.map((o) => [o.name, rows(o.name)]));
}

export async function computeReference(modelsDir = "models") {
  const demoRegistry = new ModelRegistry(directorySource(modelsDir), { classifier: loader });
  const demo = (await demoRegistry.get("demo-classifier", "classifier")).compiled;
  const inputs = demoInputs();
  const text = await loader(...(await textFixtureManifest()));
  return {
    source:
      "onnxruntime-node 1.30.0 (native CPU), computed by trainers/classifier-demo/reference.ts (npm run train:demo-classifier)",
    tolerance: REFERENCE_TOLERANCE,
    demo: {
      model: "demo-classifier",
      onnxSha256: (await demoRegistry.manifest("demo-classifier")).files.find((f) => f.role === "onnx")!.sha256,
      inputs,
      onnx: await outputsOf(demo, { inputs }),
      response: await demo.classify({ inputs }),
    },
    text: {
      model: "text-fixture",
      onnxSha256: await sha256Hex(textFixtureArtifact().onnx),
      texts: TEXT_FIXTURE_TEXTS,
      onnx: await outputsOf(text, { texts: TEXT_FIXTURE_TEXTS }),
      response: await text.classify({ texts: TEXT_FIXTURE_TEXTS }),
    },
  };
}

/** The text fixture's manifest and files, as the registry would hand them to the loader. */
async function textFixtureManifest() {
  const files = await classifierFiles(textFixtureArtifact());
  const registry = new ModelRegistry(memorySource({ "text-fixture": files }), {});
  const manifest = await registry.manifest("text-fixture");
  return [manifest, new Map(Object.entries(files))] as const;
}

export async function writeReference(modelsDir = "models", path = REFERENCE_PATH): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(await computeReference(modelsDir), null, 1) + "\n");
  return path;
}
