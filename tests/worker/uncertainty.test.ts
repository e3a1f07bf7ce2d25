import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_MEMBERS } from "../../shared/uncertainty/request.ts";
import { packLogits, packProbabilities, uncertaintyScores } from "../../shared/uncertainty/scores.ts";
import { json, problemOf } from "./fixtures.ts";

const URL_ = "http://api/v1/uncertainty";

/** The core's answer for one table, computed here in workerd independently of the handler. */
function expected(table: number[][], logits = false) {
  const probs = logits ? packLogits(table, "/logits") : packProbabilities(table, "/members");
  const s = uncertaintyScores(probs, table.length, table[0]!.length);
  return { ...s, mean: Array.from(s.mean) };
}

const MEMBERS = [
  [0.7, 0.2, 0.1],
  [0.5, 0.3, 0.2],
  [0.9, 0.05, 0.05],
];

describe("POST /v1/uncertainty", () => {
  it("scores one table of probabilities exactly as the core does", async () => {
    const res = await SELF.fetch(URL_, json({ members: MEMBERS }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(expected(MEMBERS));
    // Independent of the core: the mean of the members, and total = aleatoric + epistemic.
    expect(body.mean).toEqual([0.7, 0.55 / 3, 0.35 / 3].map((v) => expect.closeTo(v, 12)));
    expect(body.predicted).toBe(0);
    expect((body.aleatoric as number) + (body.epistemic as number)).toBeCloseTo(body.total as number, 12);
    expect(body.epistemic as number).toBeGreaterThan(0);
  });

  it("scores logits through a per-row softmax, and a batch as results in order", async () => {
    const a = [
      [2, 0],
      [0, 2],
    ];
    const b = [
      [1, 1],
      [1, 1],
    ];
    const one = await SELF.fetch(URL_, json({ logits: a }));
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(expected(a, true));
    const batch = await SELF.fetch(URL_, json({ logits: [a, b] }));
    expect(batch.status).toBe(200);
    const { results } = (await batch.json()) as { results: Record<string, number>[] };
    expect(results).toEqual([expected(a, true), expected(b, true)]);
    // Identical members carry no epistemic uncertainty; opposite ones the most for two classes.
    expect(results[1]!.epistemic).toBe(0);
    expect(results[0]!.epistemic).toBeGreaterThan(0.3);
  });

  it("refuses rows that do not sum to 1 with invalid-probabilities at the row", async () => {
    const res = await SELF.fetch(
      URL_,
      json({
        members: [
          [0.5, 0.5],
          [0.6, 0.6],
        ],
      }),
    );
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p).toMatchObject({ code: "invalid-probabilities" });
    expect(p.errors).toEqual([expect.objectContaining({ pointer: "/members/1" })]);
  });

  it("refuses more than MAX_MEMBERS members as cap-exceeded", async () => {
    const res = await SELF.fetch(URL_, json({ members: Array.from({ length: MAX_MEMBERS + 1 }, () => [0.5, 0.5]) }));
    expect(res.status).toBe(422);
    expect(await problemOf(res)).toMatchObject({ code: "cap-exceeded" });
  });
});
