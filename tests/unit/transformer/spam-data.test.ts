import { describe, expect, it } from "vitest";
import { applyTextPipeline, EMAIL_PIPELINE } from "../../../shared/text/pipeline.ts";
import { spamSplits } from "../../../trainers/spam-lpft/spam-data.ts";

const clean = (raw: string) => applyTextPipeline(EMAIL_PIPELINE, raw);

describe("SpamAssassin loading", () => {
  it("drops the header block and markup, keeps the body text", () => {
    const raw =
      "From a@b  Thu Aug 22\nSubject: Hi\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><p>Cheap&nbsp;pills =\nnow</p><!-- x --></body></html>";
    expect(clean(raw)).toBe("Cheap pills now");
    expect(clean("From: a@b.c\nSubject: only headers")).toBe("");
  });

  it("splits easy-ham-1 + spam-1 70/15/15 by seed: disjoint, stratified, reproducible", () => {
    const a = spamSplits(7);
    const b = spamSplits(7);
    expect(a.train.texts).toEqual(b.train.texts);
    const sizes = [a.train, a.valid, a.test].map((s) => s.labels.length);
    expect(sizes[0]! / (sizes[0]! + sizes[1]! + sizes[2]!)).toBeCloseTo(0.7, 2);
    const spamShare = (l: Int32Array) => l.reduce((n, y) => n + y, 0) / l.length;
    for (const s of [a.train, a.valid, a.test]) expect(spamShare(s.labels)).toBeCloseTo(1 / 6, 1);
    // Distinct mails can share a body once headers are gone (newsletters): removed before splitting.
    const train = new Set(a.train.texts);
    expect(a.duplicatesRemoved).toBeGreaterThan(0);
    expect([...a.valid.texts, ...a.test.texts].filter((t) => train.has(t))).toEqual([]);
    expect(spamShare(a.shifted["spam-2"].labels)).toBe(1);
    expect(spamShare(a.shifted["hard-ham-1"].labels)).toBe(0);
    expect(spamSplits(8).train.texts).not.toEqual(a.train.texts);
  });
});
