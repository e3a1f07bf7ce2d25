import type { SpnArtifact } from "../../../shared/spn/artifact-schema.ts";

/**
 * Independent reference for the tests: the network polynomial evaluated literally, in linear
 * space, by recursion over the artifact's node objects (no compilation, no logs). `row[v]` is a
 * state index or gaussian value, NaN for absent (its leaves evaluate to 1).
 */
export function referenceProb(artifact: SpnArtifact, member: number, row: ArrayLike<number>): number {
  const { nodes, variables } = artifact;
  const { weights, leafParams } = artifact.members[member]!;
  const weightAt: number[] = [];
  const paramAt: number[] = [];
  let w = 0;
  let p = 0;
  for (const node of nodes) {
    weightAt.push(w);
    paramAt.push(p);
    if (node.kind === "sum") w += node.children.length;
    if (node.kind === "leaf") {
      const v = variables[node.variable]!;
      p += v.type === "bernoulli" ? 1 : v.type === "gaussian" ? 2 : v.states.length;
    }
  }
  const memo = new Map<number, number>();
  const value = (n: number): number => {
    const cached = memo.get(n);
    if (cached !== undefined) return cached;
    const node = nodes[n]!;
    let out: number;
    if (node.kind === "leaf") {
      const v = variables[node.variable]!;
      const x = row[node.variable]!;
      const at = paramAt[n]!;
      if (Number.isNaN(x)) out = 1;
      else if (v.type === "bernoulli") out = x === 1 ? leafParams[at]! : 1 - leafParams[at]!;
      else if (v.type === "categorical") out = leafParams[at + x]!;
      else {
        const [mean, std] = [leafParams[at]!, leafParams[at + 1]!];
        out = Math.exp(-0.5 * ((x - mean) / std) ** 2) / (std * Math.sqrt(2 * Math.PI));
      }
    } else if (node.kind === "product") {
      out = node.children.reduce((acc, c) => acc * value(c), 1);
    } else if (node.kind === "sum") {
      out = node.children.reduce((acc, c, i) => acc + weights[weightAt[n]! + i]! * value(c), 0);
    } else throw new Error("the reference evaluator has no multivariate Gaussian leaves");
    memo.set(n, out);
    return out;
  };
  return value(nodes.length - 1);
}

/** Every joint state of the listed discrete variables, the others copied from `base`. */
export function completions(
  base: ArrayLike<number>,
  variables: readonly number[],
  states: ArrayLike<number>,
): Float64Array[] {
  let rows = [Float64Array.from(base)];
  for (const v of variables) {
    rows = rows.flatMap((row) =>
      Array.from({ length: states[v]! }, (_, s) => {
        const next = row.slice();
        next[v] = s;
        return next;
      }),
    );
  }
  return rows;
}

/** Upper tail P(X >= x) of a chi-square with k degrees of freedom: Q(k/2, x/2) (Numerical Recipes 6.2). */
export function chiSquarePValue(x: number, k: number): number {
  const a = k / 2;
  const z = x / 2;
  if (z <= 0) return 1;
  const logPrefix = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= z / (a + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  // Lentz continued fraction for Q.
  let b = z + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < 1e-300 ? 1e-300 : d;
    c = b + an / c;
    c = Math.abs(c) < 1e-300 ? 1e-300 : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(logPrefix) * h;
}

/** Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = g[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Rows (one Float64Array per row, NaN = absent) in the core's variable-major batch layout. */
export function batchOf(
  rows: readonly Float64Array[],
  variableCount: number,
): { rowCount: number; values: Float64Array } {
  const values = new Float64Array(rows.length * variableCount);
  rows.forEach((row, r) => row.forEach((x, v) => (values[v * rows.length + r] = x)));
  return { rowCount: rows.length, values };
}
