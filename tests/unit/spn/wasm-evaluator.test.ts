import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createRng, uniformInt } from "../../../shared/numeric/rng.ts";
import type { SpnArtifact } from "../../../shared/spn/artifact-schema.ts";
import {
  type CompiledSpn,
  type EvidenceBatch,
  loadSpn,
  logProbBatch,
  logProbBatchJs,
  marginals,
  marginalSlotsBatch,
  setSpnBackend,
  spnWasmFailure,
  spnWasmModule,
  wasmSpn,
} from "../../../shared/spn/index.ts";
import { wasmDigest } from "../../spn-wasm-digest.ts";
import { randomSpn } from "./random-spn.ts";

/**
 * The WebAssembly evaluator (shared/spn/wasm) against the JS evaluator, the reference: log p and
 * batched marginals agree to 1e-12 relative (absolute below magnitude 1, where log p crosses 0) on
 * random SPNs (discrete, gaussian, selective, ensembles) and on every shipped model.
 */
const TOL = 1e-12;

afterEach(() => setSpnBackend("auto"));

function randomBatch(seed: number, spn: CompiledSpn, rows: number, absent = 0.3): EvidenceBatch {
  const rng = createRng(seed);
  const V = spn.variables.length;
  const values = new Float64Array(V * rows);
  for (let v = 0; v < V; v++) {
    for (let r = 0; r < rows; r++) {
      const k = spn.stateCount[v]!;
      values[v * rows + r] = rng.nextFloat() < absent ? NaN : k === 0 ? 6 * rng.nextFloat() - 3 : uniformInt(rng, k);
    }
  }
  return { rowCount: rows, values };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [a, b] = [got[i]!, want[i]!];
    if (!Number.isFinite(b) || Number.isNaN(b)) expect(a).toBe(b);
    else if (Math.abs(a - b) > TOL * Math.max(1, Math.abs(b))) expect.fail(`index ${i}: wasm ${a} vs js ${b}`);
  }
}

function compareBackends(spn: CompiledSpn, batch: EvidenceBatch): void {
  for (let s = 0; s < spn.members.length; s++) {
    setSpnBackend("wasm");
    const logP = logProbBatch(spn, s, batch);
    const slots = marginalSlotsBatch(spn, s, batch);
    setSpnBackend("js");
    const slotsJs = marginalSlotsBatch(spn, s, batch);
    expectClose(logP, logProbBatchJs(spn, s, batch));
    expectClose(slots.logP, slotsJs.logP);
    expectClose(slots.slots, slotsJs.slots);
  }
}

function shipped(name: string): SpnArtifact {
  return JSON.parse(readFileSync(new URL(`../../../models/${name}/spn.json`, import.meta.url), "utf8")) as SpnArtifact;
}

describe("WebAssembly SPN evaluator", () => {
  it("is available in Node (SIMD wasm compiled from the committed bytes)", () => {
    expect(spnWasmModule(), spnWasmFailure() ?? "").not.toBeNull();
  });

  it("agrees with the JS evaluator on random SPNs: log p and batched marginals, odd and even batches", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 41 }), (seed, rows) => {
        const artifact = randomSpn(seed, {
          discrete: 1 + (seed % 5),
          gaussians: seed % 3,
          members: 1 + (seed % 3),
          selective: seed % 4 === 0,
        });
        const { spn } = loadSpn(artifact);
        compareBackends(spn, randomBatch(seed, spn, rows));
      }),
      { seed: 13, numRuns: 150 },
    );
  });

  for (const name of ["example", "nltcs", "plants"]) {
    it(`agrees with the JS evaluator on the shipped ${name} model (every member)`, () => {
      const { spn } = loadSpn(shipped(name), name);
      compareBackends(spn, randomBatch(5, spn, name === "example" ? 203 : 61));
    });
  }

  for (const name of ["nltcs", "plants", "example"]) {
    it(`gives the bytes workerd gives (${name}; golden file shared with tests/worker/spn-wasm.test.ts)`, async () => {
      const { spn } = loadSpn(shipped(name), name);
      const { digest, maxDiffVsJs } = await wasmDigest(spn, 64);
      expect(maxDiffVsJs).toBeLessThanOrEqual(TOL);
      await expect(`${digest}\n`).toMatchFileSnapshot(`../../golden/spn-wasm-${name}.txt`);
    });
  }

  it("single-row marginals through the wasm passes equal the JS passes", () => {
    const { spn } = loadSpn(shipped("nltcs"), "nltcs");
    const row = randomBatch(9, spn, 1).values;
    setSpnBackend("wasm");
    const viaWasm = marginals(spn, 0, row);
    setSpnBackend("js");
    const viaJs = marginals(spn, 0, row);
    viaWasm.forEach((m, i) => {
      const j = viaJs[i]!;
      if (m.kind === "discrete" && j.kind === "discrete") expectClose(m.probabilities, j.probabilities);
    });
  });

  it("hands rows it cannot trust (tiny or zero probability) to the log-space evaluator", () => {
    // 2,000 binary variables in one product, p(on) = 0.3 for even ones and 1 for odd ones: a row
    // has log p of about -1,000 x 0.6 ... 1.2 nats, far below what linear space holds (2^-900 =
    // e^-623.8), so the wasm kernel alone would answer -Infinity.
    const V = 2000;
    const artifact: SpnArtifact = {
      format: "spn",
      formatVersion: 1,
      variables: Array.from({ length: V }, (_, v) => ({ name: `x${v}`, type: "bernoulli" as const })),
      nodes: [
        ...Array.from({ length: V }, (_, v) => ({ kind: "leaf" as const, variable: v })),
        { kind: "product", children: Array.from({ length: V }, (_, v) => v) },
      ],
      members: [{ weights: [], leafParams: Array.from({ length: V }, (_, v) => (v % 2 === 0 ? 0.3 : 1)) }],
    };
    const { spn } = loadSpn(artifact);
    const batch = randomBatch(3, spn, 5, 0);
    for (let v = 1; v < V; v += 2) for (let r = 0; r < 4; r++) batch.values[v * 5 + r] = 1; // possible rows
    batch.values[1 * 5 + 4] = 0; // the last row is impossible
    compareBackends(spn, batch);
    setSpnBackend("wasm");
    const logP = logProbBatch(spn, 0, batch);
    expect(logP.slice(0, 4).every((x) => x < -650 && x > -1300)).toBe(true);
    expect(logP[4]).toBe(-Infinity);
    expect(wasmSpn(spn)).not.toBeNull();
  });

  it("keeps narrow gaussians (densities far above 1) exact by scaling them per variable", () => {
    const artifact = randomSpn(77, { discrete: 2, gaussians: 3, members: 2 });
    for (const m of artifact.members) {
      let p = 0;
      for (const node of artifact.nodes) {
        if (node.kind !== "leaf") continue;
        const v = artifact.variables[node.variable]!;
        if (v.type === "gaussian") m.leafParams[p + 1] = 1e-4; // std: peak density about 4,000
        p += v.type === "gaussian" ? 2 : v.type === "bernoulli" ? 1 : v.states.length;
      }
    }
    const { spn } = loadSpn(artifact);
    compareBackends(spn, randomBatch(4, spn, 30, 0.2));
  });
});
