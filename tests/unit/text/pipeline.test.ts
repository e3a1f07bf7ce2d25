import { describe, expect, it } from "vitest";
import { decodeCharset } from "../../../shared/text/charset.ts";
import { decodeEntities } from "../../../shared/text/entities.ts";
import { htmlToText } from "../../../shared/text/html-to-text.ts";
import { splitMultipart } from "../../../shared/text/mime.ts";
import { applyTextPipeline, EMAIL_PIPELINE, TextPipelineSchema } from "../../../shared/text/pipeline.ts";
import { parseMessage } from "../../../shared/text/rfc822.ts";
import { decodeBase64, decodeQuotedPrintable, looksQuotedPrintable } from "../../../shared/text/transfer-encoding.ts";
import { EMAIL_FIXTURES } from "./email-fixtures.ts";

describe("the e-mail text pipeline", () => {
  for (const f of EMAIL_FIXTURES) {
    it(`reads ${f.name}`, () => expect(applyTextPipeline(EMAIL_PIPELINE, f.raw)).toBe(f.text));
  }

  it("gives a raw message and its body alone the same text", () => {
    for (const f of EMAIL_FIXTURES.filter((x) => x.raw.startsWith("From "))) {
      const body = f.raw.slice(f.raw.indexOf("\n\n") + 2);
      expect(applyTextPipeline(EMAIL_PIPELINE, body)).toBe(f.text);
    }
  });

  it("refuses unknown step names in a declaration", () => {
    expect(TextPipelineSchema.safeParse(["email-message", "stem"]).success).toBe(false);
    expect(TextPipelineSchema.parse(EMAIL_PIPELINE)).toEqual(EMAIL_PIPELINE);
  });
});

describe("the pipeline's parts", () => {
  it("decodes quoted-printable (soft breaks, lower-case hex, malformed escapes kept)", () => {
    expect(decodeCharset(decodeQuotedPrintable("a=3Db =\nc=e9 =ZZ"), "iso-8859-1")).toBe("a=b cé =ZZ");
    expect(looksQuotedPrintable("see http://x/?o=315&p=249&q=100")).toBe(false);
    expect(looksQuotedPrintable('width=3D"1" height=3D"2"')).toBe(true);
  });

  it("decodes base64 ignoring line breaks and junk, and UTF-8 or Latin-1 by charset", () => {
    expect(decodeCharset(decodeBase64("w6k=\r\n"), "utf-8")).toBe("é");
    expect(decodeCharset(decodeBase64("6Q=="), "utf-8")).toBe("é"); // not UTF-8: one byte, one character
    expect(decodeCharset(decodeBase64("6Q=="), "windows-1252")).toBe("é");
  });

  it("parses folded header fields and needs two mail fields (or an mbox line) to call text a message", () => {
    const m = parseMessage("Subject: a\n long\nFrom: x\n\nbody")!;
    expect(m.headers.get("subject")).toBe("a long");
    expect(m.body).toBe("body");
    expect(parseMessage("Subject: only one\n\nbody")).toBeUndefined();
    expect(parseMessage("From x@y Mon\nSubject: one\n\nbody")?.body).toBe("body");
  });

  it("splits multipart bodies at boundary lines only, ignoring preamble and epilogue", () => {
    expect(splitMultipart("pre\n--b\nA\n--b\nB\n--b--\nepi", "b")).toEqual(["A", "B"]);
    expect(splitMultipart("no parts here", "b")).toBeUndefined();
  });

  it("turns HTML into text, entities into characters", () => {
    expect(htmlToText("a<br>b<script>x()</script>c<style>p{}</style>d").replace(/\s+/g, " ")).toBe("a b c d");
    expect(decodeEntities("&lt;&#65;&#x42;&eacute;&bogus;&#xD800;")).toBe("<ABé&bogus;\uFFFD");
  });

  it("stays linear on hostile markup (many unclosed openings)", () => {
    const hostile = "<!--<script><style>".repeat(20_000) + "=\n".repeat(10_000);
    const t0 = performance.now();
    applyTextPipeline(EMAIL_PIPELINE, hostile);
    expect(performance.now() - t0).toBeLessThan(2_000); // quadratic scans take minutes here
  });
});
