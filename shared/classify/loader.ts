import type { Manifest } from "../artifacts/manifest.ts";
import { jsonPointer, parseArtifactJson } from "../artifacts/parse-json.ts";
import type { KindLoader } from "../artifacts/registry.ts";
import { InvalidArtifactError, ModelUnavailableError } from "../errors.ts";
import type { SessionFactory } from "../onnx/types.ts";
import { CalibrationSchema, ClassifierConfigSchema, HeadSchema } from "./artifact-schema.ts";
import { compileCalibrator } from "./calibrator.ts";
import { Classifier } from "./classifier.ts";
import { compileHead } from "./head.ts";
import { tokenizerFromFiles } from "./tokenizer-file.ts";
import { z } from "zod";

/**
 * The registry's loader for kind "classifier", over an injected session factory: ONNX Runtime
 * Web inside workerd (shared/onnx/session.ts), onnxruntime-node in Node programs
 * (shared/node/onnx-session.ts). Runs once per model per isolate; a bad file is an
 * InvalidArtifactError, a runtime that cannot load the graph a ModelUnavailableError.
 */
export function classifierLoader(createSession: SessionFactory): KindLoader<Classifier> {
  return async (manifest, files) => {
    const name = manifest.name;
    const byRole = (role: string) => {
      const file = manifest.files.find((f) => f.role === role);
      return file ? { path: file.path, bytes: files.get(file.path)! } : undefined;
    };
    const json = <S extends z.ZodType>(role: string, schema: S): z.infer<S> | undefined => {
      const file = byRole(role);
      return file && parseArtifactJson(name, file.path, file.bytes, schema);
    };
    const required = <T>(value: T | undefined, role: string): T => {
      if (value === undefined) throw new InvalidArtifactError(name, `no file with role "${role}" in manifest.json`);
      return value;
    };

    const labels = labelsOf(manifest);
    const config = required(json("config", ClassifierConfigSchema), "config");
    const calibration = required(json("calibration", CalibrationSchema), "calibration");
    const headSpec = json("head", HeadSchema);
    const tokenizerJson = json("tokenizer", z.unknown());
    const tokenizerConfig = json("tokenizer-config", z.record(z.string(), z.unknown()));
    const onnx = required(byRole("onnx"), "onnx");
    let head;
    try {
      head = headSpec && compileHead(headSpec);
    } catch (e) {
      throw new InvalidArtifactError(name, (e as Error).message);
    }
    if (head && head.classes !== labels.length)
      throw new InvalidArtifactError(name, `head.json has ${head.classes} classes, manifest ${labels.length} labels`);
    if (head && config.outputs.features === undefined)
      throw new InvalidArtifactError(name, "head.json needs outputs.features in the config");
    if (config.input.kind === "text" && tokenizerJson === undefined)
      throw new InvalidArtifactError(name, 'text input needs a file with role "tokenizer"');
    let tokenizer;
    try {
      tokenizer = tokenizerJson === undefined ? undefined : tokenizerFromFiles(tokenizerJson, tokenizerConfig);
    } catch (e) {
      const issue =
        e instanceof z.ZodError
          ? `${jsonPointer(e.issues[0]!.path)}: ${e.issues[0]!.message}`
          : `: ${(e as Error).message}`;
      throw new InvalidArtifactError(name, `tokenizer${issue}`);
    }

    let session;
    try {
      session = await createSession(onnx.bytes);
    } catch (e) {
      throw new ModelUnavailableError(
        name,
        `ONNX Runtime could not load ${onnx.path}: ${(e as Error).message ?? String(e)}`,
      );
    }
    const names = (list: readonly { name: string }[]) => list.map((v) => v.name);
    const text = config.input.kind === "text" ? config.input : undefined;
    const wanted = [config.input.name, ...(text?.mask ? [text.mask] : []), ...(text?.typeIds ? [text.typeIds] : [])];
    for (const input of wanted)
      if (!names(session.inputs).includes(input))
        throw new InvalidArtifactError(name, `${onnx.path} has no input "${input}"`);
    const sequence = session.inputs.find((v) => v.name === config.input.name)?.dims[1];
    if (text && typeof sequence === "number" && (text.padTo === "longest" || sequence !== text.maxTokens)) {
      throw new InvalidArtifactError(
        name,
        `${onnx.path} takes exactly ${sequence} tokens: the config must say maxTokens ${sequence} and padTo "max"`,
      );
    }
    for (const output of [config.outputs.logits, ...(head ? [config.outputs.features!] : [])]) {
      if (!names(session.outputs).includes(output))
        throw new InvalidArtifactError(name, `${onnx.path} has no output "${output}"`);
    }
    const conformal = calibration.conformal;
    if (conformal && conformal.sets.some((s) => s.thresholds.length !== (conformal.mondrian ? labels.length : 1))) {
      throw new InvalidArtifactError(
        name,
        `calibration.json /conformal: ${conformal.mondrian ? `one threshold per label (${labels.length})` : "one threshold"} per α`,
      );
    }
    try {
      compileCalibrator(calibration, labels.length);
    } catch (e) {
      throw new InvalidArtifactError(name, (e as Error).message);
    }
    return new Classifier({
      name,
      version: manifest.version,
      labels,
      config,
      calibration,
      session,
      ...(head ? { head, headMethod: headSpec!.method } : {}),
      ...(tokenizer ? { tokenizer } : {}),
    });
  };
}

function labelsOf(manifest: Manifest): string[] {
  const labels = manifest.labels ?? [];
  if (labels.length < 2)
    throw new InvalidArtifactError(manifest.name, "a classifier's manifest needs at least two labels");
  if (new Set(labels).size !== labels.length) throw new InvalidArtifactError(manifest.name, "labels must be distinct");
  return labels;
}
