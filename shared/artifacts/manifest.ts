import { z } from "zod";

/**
 * models/<name>/manifest.json, schema version 1. Written by a trainer in trainers/, read by the
 * registry, which checks every listed file's sha256 before the model is first used.
 */
export const MANIFEST_VERSION = 1;

export const ModelKindSchema = z.enum(["spn", "classifier", "lesion-detector"]);
export type ModelKind = z.infer<typeof ModelKindSchema>;

export const ManifestFileSchema = z.object({
  path: z.string().regex(/^[A-Za-z0-9._-]+$/, "a file name inside the model folder"),
  role: z.string().min(1).describe('what the file is, e.g. "spn", "onnx", "tokenizer"'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "lower-case hex sha256"),
  bytes: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const MetricValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const ManifestSchema = z.object({
  manifestVersion: z.literal(MANIFEST_VERSION),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  kind: ModelKindSchema,
  version: z.string().min(1),
  description: z.string().default(""),
  files: z.array(ManifestFileSchema).min(1),
  /** SPN variable names, or a classifier's labels, in artifact order. */
  variables: z.array(z.string()).optional(),
  labels: z.array(z.string()).optional(),
  metrics: z.record(z.string(), MetricValueSchema).default({}),
  /** Model-card text (Mitchell et al. 2019) beyond what the rest of the manifest says. */
  card: z
    .object({ intendedUse: z.string(), limitations: z.array(z.string()) })
    .partial()
    .optional(),
  /** How it was made: command, seed, data, trainer, date and anything the trainer records. */
  training: z
    .object({ command: z.string(), seed: z.number().int().nullable(), data: z.string() })
    .catchall(z.unknown()),
});
export type Manifest = z.infer<typeof ManifestSchema>;
