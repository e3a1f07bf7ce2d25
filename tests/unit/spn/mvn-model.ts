import type { SpnArtifact } from "../../../shared/spn/artifact-schema.ts";

/**
 * A small SPN with multivariate Gaussian leaves, written by hand: variables c (bernoulli), g0..g2
 * (one mvn leaf per component) and u (a univariate gaussian); the root mixes two components
 * c x mvn(g0, g1, g2) x u. Each mvn leaf is given as NIW statistics [n, mu_n, chol(Psi_n) packed].
 * `single` is one component alone (root = product), where max-product MPE is exact.
 */
export const MVN_PRIOR = { kappa0: 1.5, nuOffset: 2 };
/** [n, mu (3), L packed (6)] of the two blocks. */
export const MVN_LEAVES = [
  [20, 1, -2, 0.5, 4, 3, 2.5, -1, 0.8, 3],
  [30, -1, 1, 2, 5, -2, 4, 1.5, 2, 2.2],
];

const variables: SpnArtifact["variables"] = [
  { name: "c", type: "bernoulli", states: ["a", "b"] },
  { name: "g0", type: "gaussian" },
  { name: "g1", type: "gaussian" },
  { name: "g2", type: "gaussian" },
  { name: "u", type: "gaussian" },
];
const gaussianPrior = [0, 1, 2, 2];
const leafPriors = [[1, 1], gaussianPrior, gaussianPrior, gaussianPrior, gaussianPrior];

export function mvnMixtureArtifact(): SpnArtifact {
  const member = (w: number, shift: number) => ({
    weights: [w, 1 - w],
    leafParams: [0.2, 1 + shift, 0.5, 0.7, -1, 2],
    posterior: { sumAlpha: 1, sumCounts: [20, 30], leafPriors, leafStats: [16, 4, 20, 1, 5, 9, 21, 30, -1, 110] },
    mvn: { ...MVN_PRIOR, leaves: MVN_LEAVES.flat().map((x, i) => (i === 1 ? x + shift : x)) },
  });
  return {
    format: "spn",
    formatVersion: 1,
    variables,
    nodes: [
      { kind: "leaf", variable: 0 },
      { kind: "mvn", variables: [1, 2, 3] },
      { kind: "leaf", variable: 4 },
      { kind: "product", children: [0, 1, 2] },
      { kind: "leaf", variable: 0 },
      { kind: "mvn", variables: [3, 1, 2] },
      { kind: "leaf", variable: 4 },
      { kind: "product", children: [4, 5, 6] },
      { kind: "sum", children: [3, 7] },
    ],
    members: [member(0.4, 0), member(0.55, 0.3)],
  };
}

export function singleMvnArtifact(): SpnArtifact {
  return {
    format: "spn",
    formatVersion: 1,
    variables,
    nodes: [
      { kind: "leaf", variable: 0 },
      { kind: "mvn", variables: [1, 2, 3] },
      { kind: "leaf", variable: 4 },
      { kind: "product", children: [0, 1, 2] },
    ],
    members: [
      {
        weights: [],
        leafParams: [0.2, 1, 0.5],
        posterior: { sumAlpha: 1, sumCounts: [], leafPriors, leafStats: [16, 4, 20, 1, 5] },
        mvn: { ...MVN_PRIOR, leaves: MVN_LEAVES[0]! },
      },
    ],
  };
}

/** The served covariance of block b: Psi_n (kappa_n + 1) / (kappa_n (nuOffset + n)), Psi_n = L L^T. */
export function servedCovariance(b: number): number[][] {
  const [n, , , , ...packed] = MVN_LEAVES[b]!;
  const L = [
    [packed[0]!, 0, 0],
    [packed[1]!, packed[2]!, 0],
    [packed[3]!, packed[4]!, packed[5]!],
  ];
  const kappaN = MVN_PRIOR.kappa0 + n!;
  const scale = (kappaN + 1) / (kappaN * (MVN_PRIOR.nuOffset + n!));
  return L.map((ri) => L.map((rj) => scale * (ri[0]! * rj[0]! + ri[1]! * rj[1]! + ri[2]! * rj[2]!)));
}
