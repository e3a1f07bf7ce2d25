import { parseArtifactJson } from "../artifacts/parse-json.ts";
import { SpnArtifactSchema } from "./artifact-schema.ts";
import { compileSpn } from "./compile.ts";
import type { CompiledSpn, SpnVariable } from "./compiled-spn.ts";
import { withPosteriorMeans } from "./posterior-means.ts";
import { validateSpn } from "./validate.ts";

/** A loaded model: what a handler keeps per model per isolate and passes to every query. */
export interface SpnModel {
  readonly name: string;
  readonly spn: CompiledSpn;
  readonly variables: readonly SpnVariable[];
  readonly memberCount: number;
  /** Whether MPE on a single member is exact (see selectivity.ts). */
  readonly selective: boolean;
}

/**
 * Parses (schema), validates (normalisation, completeness, decomposability, reachability) and
 * compiles an spn.json artifact, given as JSON text or an already parsed value. Any defect throws
 * InvalidArtifactError naming the model and the offending path or node.
 */
export function loadSpn(json: unknown, name = "spn"): SpnModel {
  const artifact = withPosteriorMeans(parseArtifactJson(name, "spn.json", json, SpnArtifactSchema), name);
  validateSpn(artifact, name);
  const spn = compileSpn(artifact);
  return { name, spn, variables: spn.variables, memberCount: spn.members.length, selective: spn.selective };
}
