import { decodeCharset } from "./charset.ts";
import { contentType, parseMessage, type MessagePart } from "./rfc822.ts";
import { entityText, splitMultipart } from "./mime.ts";
import { decodeBase64, decodeQuotedPrintable, looksQuotedPrintable } from "./transfer-encoding.ts";

/**
 * The readable text of an e-mail as a user has it: a full raw message (headers dropped, MIME
 * decoded: mime.ts) or only its body. A body has lost the headers that say how it is encoded,
 * so its encoding is recognised from the text itself: MIME boundary lines, quoted-printable
 * soft breaks and escapes, a block of base64 lines. Anything else is returned unchanged.
 */
export function emailText(text: string): string {
  const message = parseMessage(text);
  // Headers without a Content-Type still leave a body that may be MIME or quoted-printable.
  if (message) return message.headers.has("content-type") ? entityText(message) : bodyText(message.body);
  return bodyText(text.replace(/\r\n?/g, "\n"));
}

// A boundary line is one that a part's Content-* header follows (a row of dashes is not).
const BOUNDARY_LINE = /^--(\S[^\n]{4,198}?)[ \t]*\n(?=content-)/im;

function bodyText(body: string): string {
  const m = BOUNDARY_LINE.exec(body);
  const parts = m ? splitMultipart(body, m[1]) : undefined;
  if (m && parts) {
    const types = parts.map((p) => contentType(parseMessage(p, false)?.headers ?? new Map()).mediaType);
    // Alternatives repeat one text (plain and HTML); a mixed body keeps every text part.
    const kind =
      types.includes("text/plain") && types.includes("text/html") && types.every((t) => t.startsWith("text/"))
        ? "alternative"
        : "mixed";
    const whole: MessagePart = { headers: new Map([["content-type", `multipart/${kind}; boundary="${m[1]}"`]]), body };
    return entityText(whole);
  }
  if (looksQuotedPrintable(body)) return decodeCharset(decodeQuotedPrintable(body), undefined);
  const decoded = base64Text(body);
  return decoded ?? body;
}

// A body that is only base64 lines (as one base64 part would be) and decodes to readable text.
function base64Text(body: string): string | undefined {
  const lines = body.trim().split("\n");
  if (lines.length < 2 || !lines.every((l) => /^[A-Za-z0-9+/]{0,76}={0,2}\s*$/.test(l))) return undefined;
  const text = decodeCharset(decodeBase64(body), undefined);
  const printable = text.match(/[\p{L}\p{N}\p{P}\p{Z}\s]/gu)?.length ?? 0;
  return printable >= 0.9 * text.length ? text : undefined;
}
