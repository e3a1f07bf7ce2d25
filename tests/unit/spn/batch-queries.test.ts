import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  loadSpn,
  MAX_BATCH_ROWS,
  spnConditional,
  spnConditionalBatch,
  spnMarginals,
  spnMarginalsBatch,
  spnMpe,
  spnMpeBatch,
} from "../../../shared/spn/index.ts";
import { randomSpn } from "./random-spn.ts";

const example = loadSpn(readFileSync(new URL("../../../models/example/spn.json", import.meta.url), "utf8"), "example");
const rows = [
  {},
  { fever: "yes" },
  { season: "winter", cough: "no" },
  { temperature: 39.5 },
  { fever: "no", season: "summer" },
];

describe("batch queries answer every row as the single-row query does", () => {
  it("conditional", () => {
    const batch = spnConditionalBatch(example, { flu: "yes" }, rows);
    rows.forEach((row, r) => {
      const one = spnConditional(example, { flu: "yes" }, row);
      expect(batch[r]!.prob).toBeCloseTo(one.prob, 12);
      expect(batch[r]!.uncertainty!.std).toBeCloseTo(one.uncertainty!.std, 12);
    });
  });

  it("marginals, including gaussians and a variables list", () => {
    const batch = spnMarginalsBatch(example, rows, ["flu", "temperature"]);
    rows.forEach((row, r) => {
      const one = spnMarginals(example, row, ["flu", "temperature"]);
      batch[r]!.marginals.forEach((m, i) => {
        const o = one.marginals[i]!;
        if (m.type === "gaussian" && o.type === "gaussian") {
          expect(m.mean).toBeCloseTo(o.mean, 10);
          expect(m.variance).toBeCloseTo(o.variance, 10);
        } else if (m.type !== "gaussian" && o.type !== "gaussian") {
          for (const s of Object.keys(m.probabilities)) expect(m.probabilities[s]).toBeCloseTo(o.probabilities[s]!, 12);
        }
      });
    });
  });

  it("mpe", () => {
    const batch = spnMpeBatch(example, rows);
    rows.forEach((row, r) => expect(batch[r]).toEqual(spnMpe(example, row)));
  });

  it("on a random 4-member SPN with gaussians, over 300 rows", () => {
    const model = loadSpn(randomSpn(77, { discrete: 4, gaussians: 2, members: 4, maxDepth: 6 }));
    const many = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? {} : { [model.variables[i % 4]!.name]: 0 }));
    const batch = spnMarginalsBatch(model, many);
    for (const r of [0, 1, 2, 150, 299]) {
      const one = spnMarginals(model, many[r]!);
      batch[r]!.marginals.forEach((m, i) => {
        const o = one.marginals[i]!;
        if (m.type !== "gaussian" && o.type !== "gaussian") {
          for (const s of Object.keys(m.probabilities)) expect(m.probabilities[s]).toBeCloseTo(o.probabilities[s]!, 12);
        }
      });
    }
  });

  it("point errors at the offending row, and cap the batch at MAX_BATCH_ROWS", () => {
    expect(() => spnConditionalBatch(example, { flu: "yes" }, [{}, { flu: "no" }])).toThrow(
      expect.objectContaining({
        code: "query-evidence-overlap",
        issues: [expect.objectContaining({ pointer: "/evidenceBatch/1/flu" })],
      }),
    );
    expect(() => spnMarginalsBatch(example, [{}, { nope: 1 }])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ pointer: "/evidenceBatch/1/nope" })] }),
    );
    expect(() => spnMpeBatch(example, new Array(MAX_BATCH_ROWS + 1).fill({}))).toThrow(
      expect.objectContaining({ code: "cap-exceeded" }),
    );
  });
});
