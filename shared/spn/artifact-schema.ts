import { z } from "zod";
import { numberArray } from "./number-array-schema.ts";

/**
 * spn.json, formatVersion 1 (docs/spn-artifact.md). The schema checks shape only; the semantic
 * checks that need the whole graph (normalisation, scopes, reachability) live in validate.ts so
 * that their messages can name the offending node.
 */
export const SPN_FORMAT_VERSION = 1;

const VariableNameSchema = z.string().min(1).describe("unique variable name, used in queries");

export const BernoulliVariableSchema = z.object({
  name: VariableNameSchema,
  type: z.literal("bernoulli"),
  states: z
    .tuple([z.string().min(1), z.string().min(1)])
    .optional()
    .describe('names of state 0 and state 1; default ["0", "1"]'),
});

export const CategoricalVariableSchema = z.object({
  name: VariableNameSchema,
  type: z.literal("categorical"),
  states: z.array(z.string().min(1)).min(2).describe("at least two distinct state names"),
});

export const GaussianVariableSchema = z.object({
  name: VariableNameSchema,
  type: z.literal("gaussian"),
});

export const SpnVariableSchema = z.discriminatedUnion("type", [
  BernoulliVariableSchema,
  CategoricalVariableSchema,
  GaussianVariableSchema,
]);
export type SpnVariableSpec = z.infer<typeof SpnVariableSchema>;

const NodeIndexSchema = z.number().int().nonnegative();

export const SpnNodeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("leaf"), variable: NodeIndexSchema.describe("index into variables") }),
  z.object({ kind: z.literal("product"), children: z.array(NodeIndexSchema).min(1) }),
  z.object({ kind: z.literal("sum"), children: z.array(NodeIndexSchema).min(1) }),
  z.object({
    kind: z.literal("mvn"),
    variables: z
      .array(NodeIndexSchema)
      .min(1)
      .max(30)
      .describe("indices of distinct gaussian variables: one full-covariance Gaussian over them (members[s].mvn)"),
  }),
]);
export type SpnNode = z.infer<typeof SpnNodeSchema>;

/**
 * Sufficient statistics of one member's latent trees and its prior (agreed extension, formatVersion
 * still 1; docs/spn-artifact.md), from which the server draws parameter sets out of the conjugate
 * posteriors. Lengths are checked against the structure in validate.ts.
 */
export const SpnPosteriorSchema = z.object({
  sumAlpha: z.number().positive().describe("symmetric Dirichlet concentration on every sum edge"),
  sumCounts: z.array(z.number().nonnegative()).describe("n_{s,c}, parallel to weights"),
  leafPriors: z
    .array(z.array(z.number()))
    .describe("per variable: bernoulli [a, b]; categorical [alpha_0..alpha_K-1]; gaussian [mu0, kappa0, a0, b0]"),
  leafStats: numberArray().describe(
    "per leaf in node order: bernoulli [m0, m1]; categorical [c_0..c_K-1]; gaussian [n, mean, m2]",
  ),
});
export type SpnPosterior = z.infer<typeof SpnPosteriorSchema>;

/**
 * Parameters of a member's multivariate Gaussian ("mvn") leaves as Normal–Inverse-Wishart
 * posteriors (docs/spn-artifact.md, "mvn"): per mvn node in node order [n, mu_n (p values), the
 * lower Cholesky factor of Psi_n packed row by row (p (p + 1) / 2 values)]; kappa_n = kappa0 + n,
 * nu_n = p + 1 + nuOffset + n. The served leaf is the Gaussian with mean mu_n and the Student-t
 * predictive's covariance Psi_n (kappa_n + 1) / (kappa_n (nuOffset + n)); draws come from the NIW.
 */
export const SpnMvnParamsSchema = z.object({
  kappa0: z.number().positive(),
  nuOffset: z.number().positive().describe("nu0 - p - 1 of every block"),
  leaves: numberArray(),
});
export type SpnMvnParams = z.infer<typeof SpnMvnParamsSchema>;

export const SpnMemberSchema = z.object({
  weights: numberArray()
    .optional()
    .describe("child weights of every sum node, concatenated in node order; may be omitted when posterior-derived"),
  leafParams: numberArray()
    .optional()
    .describe("bernoulli [p1], categorical [p_0..p_K-1], gaussian [mean, std], leaves in node order; may be omitted"),
  posterior: SpnPosteriorSchema.optional().describe(
    "sufficient statistics for parameter draws; absent in older artifacts",
  ),
  mvn: SpnMvnParamsSchema.optional().describe("required when the graph has mvn nodes"),
});
/** A member as stored; `weights` and `leafParams` may be left to posterior-means.ts to derive. */
export type SpnStoredMember = z.infer<typeof SpnMemberSchema>;
/** A member with its parameters in place (what validation and compilation read). */
export type SpnMember = SpnStoredMember & { weights: number[]; leafParams: number[] };

export const SpnArtifactSchema = z
  .object({
    format: z.literal("spn"),
    formatVersion: z.literal(SPN_FORMAT_VERSION),
    variables: z.array(SpnVariableSchema).min(1),
    nodes: z.array(SpnNodeSchema).min(1).describe("children precede parents; the last node is the root"),
    members: z.array(SpnMemberSchema).min(1).describe("posterior samples sharing the structure; a plain SPN has one"),
  })
  .describe("A (Bayesian) sum-product network: structure, variables and member parameters");
export type SpnStoredArtifact = z.infer<typeof SpnArtifactSchema>;
export type SpnArtifact = Omit<SpnStoredArtifact, "members"> & { members: SpnMember[] };
