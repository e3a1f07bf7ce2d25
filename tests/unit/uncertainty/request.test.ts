import { describe, expect, it } from "vitest";
import {
  EXACTLY_ONE,
  MAX_BATCH,
  MAX_CLASSES,
  MAX_MEMBERS,
  scoreUncertaintyRequest,
  type UncertaintyRequest,
} from "../../../shared/uncertainty/request.ts";
import { packProbabilities, uncertaintyScores } from "../../../shared/uncertainty/scores.ts";

const errorOf = (request: unknown) => {
  try {
    scoreUncertaintyRequest(request as UncertaintyRequest);
  } catch (e) {
    return e as { code: string; message: string; issues: { pointer: string }[] };
  }
  throw new Error("no error");
};

describe("scoreUncertaintyRequest (the core behind /v1/uncertainty)", () => {
  it("scores one table, or a batch as results", () => {
    const t = [
      [0.9, 0.1],
      [0.2, 0.8],
    ];
    const s = uncertaintyScores(packProbabilities(t, "/members"), 2, 2);
    expect(scoreUncertaintyRequest({ members: t })).toEqual({ ...s, mean: Array.from(s.mean) });
    expect(scoreUncertaintyRequest({ members: [t, t] })).toEqual({
      results: [
        { ...s, mean: Array.from(s.mean) },
        { ...s, mean: Array.from(s.mean) },
      ],
    });
  });

  it("keeps the one-of rule and the caps for library callers too", () => {
    expect(errorOf({})).toMatchObject({ code: "invalid-input", message: EXACTLY_ONE });
    expect(errorOf({ members: [[0.5, 0.5]], logits: [[1, 2]] })).toMatchObject({
      code: "invalid-input",
      message: EXACTLY_ONE,
    });
    expect(errorOf({ members: Array.from({ length: MAX_MEMBERS + 1 }, () => [0.5, 0.5]) })).toMatchObject({
      code: "cap-exceeded",
    });
    expect(errorOf({ logits: [new Array(MAX_CLASSES + 1).fill(0)] })).toMatchObject({
      code: "cap-exceeded",
      issues: [{ pointer: "/logits/0" }],
    });
    expect(errorOf({ logits: Array.from({ length: MAX_BATCH + 1 }, () => [[0, 0]]) }).message).toContain("MAX_BATCH");
    expect(errorOf({ logits: [[1]] })).toMatchObject({ code: "invalid-input", issues: [{ pointer: "/logits/0" }] });
  });
});
