import { describe, expect, it } from "vitest";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";
import { scoreSet } from "../../../trainers/spam-lpft/uncertainty-eval.ts";
import { fitVariationalHead } from "../../../trainers/spam-lpft/variational-head.ts";

/** Two Gaussian blobs in 4-D, overlapping a little. */
function blobs(seed: number, n: number) {
  const rng = createRng(seed);
  const y = Int32Array.from({ length: n }, (_, i) => i % 2);
  const x = Float64Array.from(
    { length: n * 4 },
    (_, k) => standardNormal(rng) + (y[Math.floor(k / 4)]! ? 1.5 : -1.5) * Number(k % 4 === 0),
  );
  return { x, y };
}

describe("rBER variational last layer (Futami et al., arXiv 2206.01606)", () => {
  it("draws M seeded members of the right shape that classify the data, reproducibly", async () => {
    await useWasmBackend();
    const { x, y } = blobs(1, 200);
    const o = { members: 8, lambda: 0.05, steps: 120, rate: 0.05, priorStd: 1, seed: 3 };
    const init = { v: new Float64Array(8), b: new Float64Array(2) };
    const a = fitVariationalHead(x, y, init, o);
    expect(a.weights.length).toBe(8 * 2 * 4);
    expect(a.bias.length).toBe(8 * 2);
    const scored = scoreSet(x, y, { weights: a.weights, bias: a.bias, members: 8, classes: 2 }, 1);
    expect(scored.correct.filter(Boolean).length / 200).toBeGreaterThan(0.85);
    expect(Array.from(fitVariationalHead(x, y, init, o).weights)).toEqual(Array.from(a.weights));
  });

  it("keeps more posterior spread with lambda = 0.05 than plain VI (lambda = 1)", async () => {
    await useWasmBackend();
    const { x, y } = blobs(2, 200);
    const base = { members: 8, steps: 150, rate: 0.05, priorStd: 1, seed: 4 };
    const init = { v: new Float64Array(8), b: new Float64Array(2) };
    const rber = fitVariationalHead(x, y, init, { ...base, lambda: 0.05 });
    const vi = fitVariationalHead(x, y, init, { ...base, lambda: 1 });
    expect(rber.meanStd).toBeGreaterThan(vi.meanStd);
  });
});
