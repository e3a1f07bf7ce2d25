import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Calibration, ClassifierConfig } from "../../../shared/classify/artifact-schema.ts";
import { MAX_INPUT_ROWS } from "../../../shared/classify/caps.ts";
import { Classifier } from "../../../shared/classify/classifier.ts";
import { compileHead } from "../../../shared/classify/head.ts";
import type { OnnxSession } from "../../../shared/onnx/types.ts";

const calibration = (temperature: number): Calibration => ({
  method: "temperature-scaling",
  temperature,
  abstain: { metric: "epistemic", threshold: 0.1, targetAccuracy: 0.9, coverage: 1 },
  fit: {},
});
const config: ClassifierConfig = {
  input: { kind: "tensor", name: "x", dims: [null, 2], dtype: "float32" },
  outputs: { logits: "z", features: "f" },
};

/** A session whose "backbone" returns the input rows as features (F = 2) and as logits (C = 2). */
const echo: OnnxSession = {
  inputs: [{ name: "x", type: "float32", dims: [null, 2] }],
  outputs: [],
  run: async (feeds) => ({ f: feeds.x!, z: feeds.x! }),
};

const headArb = fc.integer({ min: 1, max: 6 }).chain((members) =>
  fc.record({
    members: fc.constant(members),
    weights: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: members * 4, maxLength: members * 4 }),
    bias: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: members * 2, maxLength: members * 2 }),
  }),
);

describe("classifier post-processing", () => {
  it("gives probabilities summing to 1, MI >= 0, total >= aleatoric, excessRisk = 2 × variance, and zero epistemic for one member", async () => {
    await fc.assert(
      fc.asyncProperty(
        headArb,
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.array(
          fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true })),
          { minLength: 1, maxLength: 8 },
        ),
        async (h, t, rows) => {
          const head = compileHead({ method: "test", classes: 2, features: 2, ...h });
          const c = new Classifier({
            name: "m",
            version: "1",
            labels: ["a", "b"],
            config,
            calibration: calibration(t),
            session: echo,
            head,
          });
          const { predictions } = await c.classify({ inputs: rows });
          for (const p of predictions) {
            expect(p.probs.a! + p.probs.b!).toBeCloseTo(1, 12);
            expect(p.uncertainty.epistemic).toBeGreaterThanOrEqual(0);
            expect(p.uncertainty.total).toBeGreaterThanOrEqual(p.uncertainty.aleatoric);
            if (h.members === 1) expect(p.uncertainty).toMatchObject({ epistemic: 0, variance: 0, excessRisk: 0 });
            // Two labels: Σ_c Var p(c) = 2 Var p(ŷ), the squared-loss excess risk from the same members.
            expect(p.uncertainty.excessRisk).toBeCloseTo(2 * p.uncertainty.variance, 12);
          }
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });

  it("serves softmax(z / T) of the ONNX logits when there is no head", async () => {
    const c = new Classifier({
      name: "m",
      version: "1",
      labels: ["a", "b"],
      config,
      calibration: calibration(2),
      session: echo,
    });
    const { predictions } = await c.classify({ inputs: [[2, 0]] });
    expect(predictions[0]!.probs.a).toBeCloseTo(1 / (1 + Math.exp(-1)), 12); // z / T = (1, 0)
  });

  it("throws CapExceededError naming MAX_INPUT_ROWS, and ModelUnavailableError when the run fails", async () => {
    const c = new Classifier({
      name: "m",
      version: "1",
      labels: ["a", "b"],
      config,
      calibration: calibration(1),
      session: echo,
    });
    const rows = new Array<number[]>(MAX_INPUT_ROWS + 1).fill([0, 0]);
    await expect(c.classify({ inputs: rows })).rejects.toMatchObject({
      code: "cap-exceeded",
      message: expect.stringContaining("MAX_INPUT_ROWS"),
    });
    const failing = { ...echo, run: () => Promise.reject(new Error("boom")) };
    const broken = new Classifier({
      name: "m",
      version: "1",
      labels: ["a", "b"],
      config,
      calibration: calibration(1),
      session: failing,
    });
    await expect(broken.classify({ inputs: [[0, 0]] })).rejects.toMatchObject({
      code: "model-unavailable",
      message: expect.stringContaining("boom"),
    });
  });
});
