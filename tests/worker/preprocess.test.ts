import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { applyTextPipeline, EMAIL_PIPELINE } from "../../shared/text/pipeline.ts";
import { EMAIL_FIXTURES } from "../unit/text/email-fixtures.ts";
import { json, problemOf } from "./fixtures.ts";

const SPAM = "http://api/v1/classify/spam-lpft";
interface Body {
  predictions: { label: string; probs: Record<string, number> }[];
}

describe("the declared text pipeline in workerd", () => {
  it("reads every fixture e-mail exactly as Node does (the trainer's side)", () => {
    for (const f of EMAIL_FIXTURES) expect(applyTextPipeline(EMAIL_PIPELINE, f.raw), f.name).toBe(f.text);
  });

  it("gives a raw message, its body alone and the reader's text the same prediction", async () => {
    const readable = EMAIL_FIXTURES.filter((f) => f.text !== "");
    const asText = (await (await SELF.fetch(SPAM, json({ texts: readable.map((f) => f.text) }))).json()) as Body;
    const asRaw = (await (await SELF.fetch(SPAM, json({ texts: readable.map((f) => f.raw) }))).json()) as Body;
    expect(asRaw.predictions).toEqual(asText.predictions);
    const mbox = EMAIL_FIXTURES[1]!;
    const body = (await (
      await SELF.fetch(SPAM, json({ text: mbox.raw.slice(mbox.raw.indexOf("\n\n") + 2) }))
    ).json()) as Body;
    expect(body.predictions).toEqual([asText.predictions[1]]);
  }, 120_000); // the first request compiles the 1.2 MB model in this isolate

  it("refuses an e-mail with nothing to read with a 422 pointing at it", async () => {
    const empty = EMAIL_FIXTURES.find((f) => f.text === "")!;
    const res = await SELF.fetch(SPAM, json({ texts: ["Cheap pills now", empty.raw] }));
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p).toMatchObject({ code: "invalid-input", errors: [{ pointer: "/texts/1" }] });
    expect(p.detail).toContain("no readable text");
  });
});
