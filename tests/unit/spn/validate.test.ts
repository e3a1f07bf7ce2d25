import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InvalidArtifactError } from "../../../shared/errors.ts";
import { loadSpn, type SpnArtifact } from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";

/** A valid SPN over smoker, colour, age (the format document's example, completed). */
function base(): SpnArtifact {
  return {
    format: "spn",
    formatVersion: 1,
    variables: [
      { name: "smoker", type: "bernoulli", states: ["no", "yes"] },
      { name: "colour", type: "categorical", states: ["red", "green", "blue"] },
      { name: "age", type: "gaussian" },
    ],
    nodes: [
      { kind: "leaf", variable: 0 }, // 0
      { kind: "leaf", variable: 1 }, // 1
      { kind: "leaf", variable: 2 }, // 2
      { kind: "leaf", variable: 0 }, // 3
      { kind: "leaf", variable: 1 }, // 4
      { kind: "leaf", variable: 2 }, // 5
      { kind: "product", children: [0, 1, 2] }, // 6
      { kind: "product", children: [3, 4, 5] }, // 7
      { kind: "sum", children: [6, 7] }, // 8
    ],
    members: [{ weights: [0.3, 0.7], leafParams: [0.2, 0.1, 0.3, 0.6, 40, 10, 0.6, 0.5, 0.25, 0.25, 60, 8] }],
  };
}

function rejects(artifact: unknown, ...fragments: string[]): void {
  let error: unknown;
  try {
    loadSpn(artifact, "toy");
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidArtifactError);
  expect((error as InvalidArtifactError).code).toBe("invalid-artifact");
  for (const f of fragments) expect((error as Error).message).toContain(f);
}

describe("validateSpn via loadSpn", () => {
  it("accepts the example in docs/spn-artifact.md", () => {
    const doc = readFileSync(new URL("../../../docs/spn-artifact.md", import.meta.url), "utf8");
    const json = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(loadSpn(json).variables.map((v) => v.name)).toEqual(["smoker", "colour", "age"]);
  });

  it("accepts a valid SPN and random generated ones", () => {
    expect(loadSpn(base()).memberCount).toBe(1);
    for (let seed = 0; seed < 20; seed++) loadSpn(randomSpn(seed, { discrete: 4, gaussians: 1, members: 2 }));
  });

  it("rejects sum weights that do not sum to 1, naming member and node", () => {
    const a = base();
    a.members[0]!.weights = [0.3, 0.6];
    rejects(a, 'model "toy"', "member 0, node 8 (sum)", "sum to 0.9");
  });

  it("rejects a negative weight", () => {
    const a = base();
    a.members[0]!.weights = [1.5, -0.5];
    rejects(a, "node 8 (sum)", "negative");
  });

  it("rejects a sum whose children have different scopes (not complete), naming node and variable", () => {
    const a = base();
    a.nodes = [
      ...a.nodes.slice(0, 5), // leaves 0-4: smoker, colour, age, smoker, colour
      { kind: "product", children: [0, 1, 2] }, // 5: {smoker, colour, age}
      { kind: "product", children: [3, 4] }, // 6: {smoker, colour}
      { kind: "sum", children: [5, 6] }, // 7
    ];
    a.members = [{ weights: [0.5, 0.5], leafParams: [0.2, 0.1, 0.3, 0.6, 40, 10, 0.6, 0.5, 0.25, 0.25] }];
    rejects(
      a,
      "node 7 (sum): children 5 and 6 have different scopes",
      'variable "age" is in the scope of node 5 but not of node 6',
    );
  });

  it("rejects a product whose children share a variable (not decomposable), naming both children", () => {
    const a = base();
    a.nodes[6] = { kind: "product", children: [0, 1, 2, 3] };
    rejects(a, 'node 6 (product): children 0 and 3 share variable "smoker"');
  });

  it("rejects a child that does not precede its parent", () => {
    const a = base();
    a.nodes[6] = { kind: "product", children: [0, 1, 7] };
    rejects(a, "node 6 (product): child 7 does not precede its parent");
  });

  it("rejects a node that the root cannot reach", () => {
    const a = base();
    a.nodes.splice(8, 0, { kind: "leaf", variable: 0 });
    a.nodes[9] = { kind: "sum", children: [6, 7] };
    a.members[0]!.leafParams.push(0.5);
    rejects(a, "node 8 (leaf): not reachable from the root (node 9)");
  });

  it("rejects leaf parameters out of range, naming node, variable and value", () => {
    const bad: [number, number, string][] = [
      [0, 1.2, 'node 0 (leaf) over "smoker" (bernoulli): p = 1.2'],
      [1, 0.5, 'node 1 (leaf) over "colour" (categorical): probabilities sum to 1.4'],
      [5, 0, 'node 2 (leaf) over "age" (gaussian): std = 0 is not positive'],
    ];
    for (const [index, value, message] of bad) {
      const a = base();
      a.members[0]!.leafParams[index] = value;
      rejects(a, message);
    }
  });

  it("rejects parameter arrays of the wrong length", () => {
    const a = base();
    a.members[0]!.leafParams.push(1);
    rejects(a, "member 0: 13 leafParams, expected 12");
    const b = base();
    b.members[0]!.weights.push(0);
    rejects(b, "member 0: 3 weights, expected 2");
  });

  it("rejects duplicate variable or state names and a variable without leaves", () => {
    const a = base();
    a.variables[2] = { name: "smoker", type: "gaussian" };
    rejects(a, 'variable 2: name "smoker" is used twice');
    const b = base();
    b.variables[1] = { name: "colour", type: "categorical", states: ["red", "red", "blue"] };
    rejects(b, 'variable 1 ("colour"): state names must be distinct');
    const c = base();
    c.variables.push({ name: "unused", type: "gaussian" });
    rejects(c, 'variable 3 ("unused"): no leaf');
  });

  it("rejects schema violations with the file and the JSON Pointer of the first issue", () => {
    const a = base() as unknown as { nodes: unknown[] };
    a.nodes[4] = { kind: "mixture", children: [1] };
    rejects(a, "spn.json /nodes/4/kind");
    rejects({ ...base(), formatVersion: 2 }, "/formatVersion");
    rejects("{not json", "spn.json is not valid JSON");
  });
});
