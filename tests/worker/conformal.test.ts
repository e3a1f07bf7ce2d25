import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { json, problemOf } from "./fixtures.ts";

/** POST /v1/classify with conformal sets and the risk-controlled abstention rule, in workerd. */
interface Body {
  predictions: { label: string; probs: Record<string, number>; set?: string[]; abstain: boolean }[];
  model: {
    calibrator: string;
    abstain: { metric: string; threshold: number; delta?: number; targetAccuracy?: number };
    conformal?: { alpha: number; score: string; available: number[] };
  };
}

const DEMO = "http://api/v1/classify/demo-classifier";
const SPAM = "http://api/v1/classify/spam-lpft";
const rows = [
  [0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, -0.7],
  [2, 2, 2, 2, 2, 2, 2, 2],
  [-1, 0.5, 1.5, -0.3, 0.2, 0.1, -2, 1],
  [0, 0, 0, 0, 0, 0, 0, 0],
];

describe("conformal prediction sets over HTTP", () => {
  // The first classify request starts ONNX Runtime in the isolate (seconds on a loaded machine):
  // do it here, under a hook timeout, so no test's own timeout is spent on it.
  beforeAll(async () => {
    await SELF.fetch(DEMO, json({ inputs: rows }));
  }, 120_000);

  it("returns a set per prediction at the model's default α, with the stated guarantee", async () => {
    const res = await SELF.fetch(DEMO, json({ inputs: rows }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.model.conformal).toMatchObject({
      alpha: 0.1,
      score: "lac",
      available: expect.arrayContaining([0.05, 0.1]),
    });
    expect(body.model.abstain.delta).toBe(0.1);
    expect(body.model.abstain.targetAccuracy).toBe(0.95);
    for (const p of body.predictions) {
      expect(Array.isArray(p.set)).toBe(true);
      for (const l of p.set!) expect(Object.keys(p.probs)).toContain(l);
      // LAC sets are upper sets of the probabilities: every label in it outranks every label outside.
      const inside = p.set!.map((l) => p.probs[l]!);
      const outside = Object.entries(p.probs)
        .filter(([l]) => !p.set!.includes(l))
        .map(([, v]) => v);
      if (inside.length && outside.length) expect(Math.min(...inside)).toBeGreaterThanOrEqual(Math.max(...outside));
    }
  });

  it("gives nested sets: α = 0.05 holds every label α = 0.1 does", async () => {
    const [a, b] = await Promise.all(
      [0.05, 0.1].map(async (alpha) => (await (await SELF.fetch(DEMO, json({ inputs: rows, alpha }))).json()) as Body),
    );
    expect(a!.model.conformal!.alpha).toBe(0.05);
    a!.predictions.forEach((p, i) => {
      for (const l of b!.predictions[i]!.set!) expect(p.set).toContain(l);
    });
    expect(a!.predictions.reduce((s, p) => s + p.set!.length, 0)).toBeGreaterThanOrEqual(
      b!.predictions.reduce((s, p) => s + p.set!.length, 0),
    );
  });

  it("refuses an α the model does not store with problem+json 422 at /alpha", async () => {
    const res = await SELF.fetch(DEMO, json({ inputs: rows, alpha: 0.2 }));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await problemOf(res);
    expect(JSON.stringify(problem)).toContain("/alpha");
    expect(JSON.stringify(problem)).toContain("0.05");
    expect((await SELF.fetch(DEMO, json({ inputs: rows, alpha: 1.5 }))).status).toBeGreaterThanOrEqual(400);
  });

  it("drops delta when the request brings its own abstention rule (no guarantee then)", async () => {
    const body = (await (await SELF.fetch(DEMO, json({ inputs: rows, abstain: { threshold: 0.5 } }))).json()) as Body;
    expect(body.model.abstain.delta).toBeUndefined();
  });

  it("serves spam-lpft's sets on a raw e-mail", async () => {
    const res = await SELF.fetch(
      SPAM,
      json({ text: "Subject: WIN CASH NOW\n\nClick here to claim your prize!!! Limited offer, act now." }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.model.conformal?.available).toEqual(expect.arrayContaining([0.05, 0.1]));
    expect(body.predictions[0]!.set).toBeDefined();
  });
});
