import { createRng, type Rng, uniformInt } from "../../../shared/numeric/rng.ts";
import type { SpnArtifact, SpnNode, SpnVariableSpec } from "../../../shared/spn/artifact-schema.ts";

export interface RandomSpnOptions {
  /** Discrete variables (2-4 states each); at most 5 keeps enumeration cheap. */
  discrete: number;
  gaussians?: number;
  members?: number;
  /** Every sum splits the states of a discrete variable among its children. */
  selective?: boolean;
  maxDepth?: number;
}

/**
 * A random valid SPN (LearnSPN-like recursion with random sum/product choices and node sharing,
 * so the graph is a DAG, not only a tree). Selective mode restricts the states each sub-network
 * may produce, as in Peharz et al. 2014, so every sum is deterministic. Same seed, same SPN.
 */
export function randomSpn(seed: number, o: RandomSpnOptions): SpnArtifact {
  const rng = createRng(seed);
  const variables: SpnVariableSpec[] = [];
  for (let v = 0; v < o.discrete; v++) {
    const k = 2 + uniformInt(rng, 3);
    variables.push(
      k === 2
        ? { name: `b${v}`, type: "bernoulli", states: ["off", "on"] }
        : { name: `c${v}`, type: "categorical", states: Array.from({ length: k }, (_, s) => `s${s}`) },
    );
  }
  for (let g = 0; g < (o.gaussians ?? 0); g++) variables.push({ name: `g${g}`, type: "gaussian" });
  const states = variables.map((v) => (v.type === "gaussian" ? 0 : v.type === "bernoulli" ? 2 : v.states.length));
  const nodes: SpnNode[] = [];
  const support: number[][] = []; // allowed states of each leaf (selective mode), else all
  const byKey = new Map<string, number[]>();
  const maxDepth = o.maxDepth ?? 4;

  const build = (scope: number[], allowed: number[], depth: number): number => {
    const key = scope.join(",") + "|" + scope.map((v) => allowed[v]).join(",");
    const existing = byKey.get(key);
    if (existing !== undefined && rng.nextFloat() < 0.3) return existing[uniformInt(rng, existing.length)]!;
    const node = buildNew(scope, allowed, depth);
    byKey.set(key, [...(existing ?? []), node]);
    return node;
  };
  const buildNew = (scope: number[], allowed: number[], depth: number): number => {
    const wantSum = depth < maxDepth && rng.nextFloat() < (scope.length === 1 ? 0.35 : 0.5);
    if (wantSum) {
      const children: number[] = [];
      if (o.selective) {
        const splittable = scope.filter((v) => states[v]! > 0 && popcount(allowed[v]!) >= 2);
        if (splittable.length > 0) {
          const x = splittable[uniformInt(rng, splittable.length)]!;
          for (const group of splitMask(rng, allowed[x]!)) {
            children.push(
              build(
                scope,
                allowed.map((m, v) => (v === x ? group : m)),
                depth + 1,
              ),
            );
          }
        }
      } else {
        const count = 2 + uniformInt(rng, 2);
        for (let i = 0; i < count; i++) children.push(build(scope, allowed, depth + 1));
      }
      if (children.length > 0) return nodes.push({ kind: "sum", children }) - 1;
    }
    if (scope.length === 1) {
      const v = scope[0]!;
      support.push(states[v] === 0 ? [] : bits(allowed[v]!));
      return nodes.push({ kind: "leaf", variable: v }) - 1;
    }
    const shuffled = shuffle(rng, scope);
    const parts = Math.min(shuffled.length, 2 + uniformInt(rng, 2));
    const cuts = shuffle(
      rng,
      Array.from({ length: shuffled.length - 1 }, (_, i) => i + 1),
    )
      .slice(0, parts - 1)
      .sort((a, b) => a - b);
    const bounds = [0, ...cuts, shuffled.length];
    const children = bounds.slice(1).map((end, i) =>
      build(
        shuffled.slice(bounds[i], end).sort((a, b) => a - b),
        allowed,
        depth + 1,
      ),
    );
    return nodes.push({ kind: "product", children }) - 1;
  };

  const all = variables.map((_, v) => v);
  const root = build(
    all,
    states.map((k) => (1 << k) - 1),
    0,
  );
  if (root !== nodes.length - 1) throw new Error("the first build always creates the root last");
  const leafSupport = new Map<number, number[]>();
  let leafCounter = 0;
  nodes.forEach((n, i) => n.kind === "leaf" && leafSupport.set(i, support[leafCounter++]!));
  const members = Array.from({ length: o.members ?? 1 }, () => randomParameters(rng, nodes, variables, leafSupport));
  return { format: "spn", formatVersion: 1, variables, nodes, members };
}

function randomParameters(
  rng: Rng,
  nodes: SpnNode[],
  variables: SpnVariableSpec[],
  leafSupport: Map<number, number[]>,
) {
  const weights: number[] = [];
  const leafParams: number[] = [];
  nodes.forEach((node, i) => {
    if (node.kind === "sum") weights.push(...normalised(node.children.map(() => 0.05 + rng.nextFloat())));
    if (node.kind !== "leaf") return;
    const v = variables[node.variable]!;
    const allowed = leafSupport.get(i)!;
    if (v.type === "gaussian") leafParams.push(4 * rng.nextFloat() - 2, 0.5 + 1.5 * rng.nextFloat());
    else if (v.type === "bernoulli") leafParams.push(allowed.length === 1 ? allowed[0]! : 0.05 + 0.9 * rng.nextFloat());
    else leafParams.push(...normalised(v.states.map((_, s) => (allowed.includes(s) ? 0.05 + rng.nextFloat() : 0))));
  });
  return { weights, leafParams };
}

export function normalised(xs: number[]): number[] {
  const total = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / total);
}

function popcount(mask: number): number {
  return bits(mask).length;
}

function bits(mask: number): number[] {
  return Array.from({ length: 31 }, (_, s) => s).filter((s) => (mask & (1 << s)) !== 0);
}

/** The set bits of mask into 2 or 3 non-empty groups. */
function splitMask(rng: Rng, mask: number): number[] {
  const states = shuffle(rng, bits(mask));
  const groups = Math.min(states.length, 2 + uniformInt(rng, 2));
  const out = new Array<number>(groups).fill(0);
  states.forEach((s, i) => (out[i < groups ? i : uniformInt(rng, groups)]! |= 1 << s));
  return out;
}

function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
