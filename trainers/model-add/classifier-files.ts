import { MANIFEST_VERSION, type Manifest } from "../../shared/artifacts/manifest.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";
import type { Calibration, ClassifierConfig, Head } from "../../shared/classify/artifact-schema.ts";

/**
 * The files of a "classifier" model folder and its manifest (docs/classifier-artifact.md),
 * built in memory so that the Node writers and the workerd tests produce the same bytes.
 */
export interface ClassifierArtifact {
  name: string;
  version: string;
  description: string;
  labels: readonly string[];
  onnx: Uint8Array;
  config: ClassifierConfig;
  calibration: Calibration;
  head?: Head;
  /** Our WordPiece spec (TokenizerSpec) or a Hugging Face tokenizer.json, written as tokenizer.json. */
  tokenizer?: unknown;
  /** A Hugging Face tokenizer_config.json (padding side, model_max_length, special tokens). */
  tokenizerConfig?: Record<string, unknown>;
  metrics: Manifest["metrics"];
  card?: Manifest["card"];
  training: Manifest["training"];
}

const encoder = new TextEncoder();

/** File name → bytes, manifest.json included, in the order the manifest lists them. */
export async function classifierFiles(a: ClassifierArtifact): Promise<Record<string, Uint8Array>> {
  const listed: [path: string, role: string, bytes: Uint8Array][] = [
    ["model.onnx", "onnx", a.onnx],
    ["classifier.json", "config", encoder.encode(JSON.stringify(a.config, null, 2) + "\n")],
    ["calibration.json", "calibration", encoder.encode(JSON.stringify(a.calibration, null, 2) + "\n")],
  ];
  // The head and vocabulary are long flat arrays: one line keeps them small and diffable enough.
  if (a.head) listed.push(["head.json", "head", encoder.encode(JSON.stringify(a.head) + "\n")]);
  if (a.tokenizer) listed.push(["tokenizer.json", "tokenizer", encoder.encode(JSON.stringify(a.tokenizer) + "\n")]);
  if (a.tokenizerConfig)
    listed.push([
      "tokenizer_config.json",
      "tokenizer-config",
      encoder.encode(JSON.stringify(a.tokenizerConfig, null, 2) + "\n"),
    ]);
  const files = [];
  for (const [path, role, bytes] of listed)
    files.push({ path, role, sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
  const manifest: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    name: a.name,
    kind: "classifier",
    version: a.version,
    description: a.description,
    files,
    labels: [...a.labels],
    metrics: a.metrics,
    ...(a.card ? { card: a.card } : {}),
    training: a.training,
  };
  const out: Record<string, Uint8Array> = { "manifest.json": encoder.encode(JSON.stringify(manifest, null, 2) + "\n") };
  for (const [path, , bytes] of listed) out[path] = bytes;
  return out;
}
