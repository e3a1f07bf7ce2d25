import { InvalidArtifactError } from "../errors.ts";
import { SpnArtifactSchema } from "./artifact-schema.ts";
import { compileSpn } from "./compile.ts";
import type { CompiledSpn, SpnVariable } from "./compiled-spn.ts";
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
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new InvalidArtifactError(name, `not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = SpnArtifactSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length === 0 ? "the document" : `/${issue.path.join("/")}`;
    const node = issue.path[0] === "nodes" && typeof issue.path[1] === "number" ? `node ${issue.path[1]}: ` : "";
    throw new InvalidArtifactError(name, `${node}${at}: ${issue.message}`);
  }
  validateSpn(parsed.data, name);
  const spn = compileSpn(parsed.data);
  return { name, spn, variables: spn.variables, memberCount: spn.members.length, selective: spn.selective };
}
